using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.Ingestion;

public sealed class DocumentIdsTests
{
    [Theory]
    [InlineData("/corpus/rt name with spaces.txt", "rt name with spaces")]
    [InlineData("/corpus/rt_quillab\u00e9e.txt", "rt_quillab\u00e9e")]
    [InlineData("/corpus/rt_quillabe\u0301e.md", "rt_quillab\u00e9e")] // decomposed é, as macOS writes file names
    [InlineData("/corpus/ｗｉｄｅ\u200B name.html", "wide name")]
    [InlineData("/corpus/新闻 2025.txt", "新闻 2025")]
    [InlineData("/corpus/tab\tand  spaces.txt", "tab and spaces")]
    [InlineData("/corpus/..txt", "_")]
    public void AFileNameGivesACleanId(string path, string id)
    {
        Assert.Equal(id, DocumentIds.FromFileName(path));
        Assert.True(DocumentIds.IsWellFormed(id));
    }

    [Theory]
    [InlineData(" reuters/1987/00412 ", "reuters-1987-00412")]
    [InlineData("a\\b", "a-b")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void ARecordIdIsCleanedOrRefused(string? value, string? id) => Assert.Equal(id, DocumentIds.FromValue(value));

    [Fact]
    public void AnIdLongerThanTheLimitIsRefused() => Assert.Null(DocumentIds.FromValue(new string('x', DocumentIds.MaxLength + 1)));

    [Theory]
    [InlineData("a/b")]
    [InlineData("ctrl\u0007char")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("")]
    [InlineData("..")]
    public void IdsTheLoaderCannotGiveAreNotWellFormed(string id) => Assert.False(DocumentIds.IsWellFormed(id));
}
