using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.Ingestion;

public sealed class PublishedDatesTests
{
    [Theory]
    [InlineData("2025-07-02", "2025-07-02")]
    [InlineData("2025-07-02T23:30:00-04:00", "2025-07-02")] // the date as written, not shifted to UTC
    [InlineData("2025-07-28T06:00:00Z", "2025-07-28")]
    [InlineData("Wed, 02 Jul 2025 06:50:00 GMT", "2025-07-02")]
    [InlineData("Jul 02 2025", "2025-07-02")]
    [InlineData("July 2, 2025", "2025-07-02")]
    [InlineData("2 July 2025", "2025-07-02")]
    [InlineData("Thursday, 14 March 2025", "2025-03-14")]
    [InlineData("Thu, March 14, 2025", "2025-03-14")]
    [InlineData("Sept. 3, 2024", null)]
    [InlineData("last Tuesday", null)]
    [InlineData("14/03/2025", null)] // day and month order unknown
    [InlineData("", null)]
    public void ReadsTheFormsArticlesUse(string value, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PublishedDates.Parse(value));
}
