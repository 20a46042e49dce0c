using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.Ingestion;

public sealed class DocumentHeaderTests
{
    [Fact]
    public void AHeadlineFirstLineIsTheTitleAndALastUpdatedLineGivesTheDate()
    {
        const string text = "Jaishankar discusses partnership with Rubio\n\nBody text. More.\n\nLast Updated : Jul 02 2025 | 6:50 AM IST\n";

        var (title, date) = DocumentHeader.Parse(text);

        Assert.Equal("Jaishankar discusses partnership with Rubio", title);
        Assert.Equal(new DateOnly(2025, 7, 2), date);
    }

    [Fact]
    public void ADateLineGivesBothDateAndHeadline()
    {
        const string text = " date 2025-07-02 Jaishankar Holds Talks With Top Officials\nThe minister met officials.";

        var (title, date) = DocumentHeader.Parse(text);

        Assert.Equal("Jaishankar Holds Talks With Top Officials", title);
        Assert.Equal(new DateOnly(2025, 7, 2), date);
    }

    [Fact]
    public void BodyTextFirstLineGivesTheFirstSentenceAsTitleAndNoDateFromTheBody()
    {
        const string text = "India's ambassador met the US envoy in Beijing. They discussed trade launched on February 13, 2025.\n";

        var (title, date) = DocumentHeader.Parse(text);

        Assert.Equal("India's ambassador met the US envoy in Beijing.", title);
        Assert.Null(date);
    }

    [Fact]
    public void ALongFirstSentenceIsShortenedAtAWordBoundary()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 60)) + ".";

        var (title, _) = DocumentHeader.Parse(text);

        Assert.True(title.Length <= 121, title);
        Assert.EndsWith("…", title);
    }
}
