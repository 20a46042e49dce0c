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

    [Fact]
    public void ALineHoldingOnlyADateNearTheTopIsTheDateAndNotTheTitle()
    {
        const string text = "March 14, 2025\n\nRiverton council approves bridge\n\nThe council voted 7 to 2.\n";

        var (title, date) = DocumentHeader.Parse(text);

        Assert.Equal("Riverton council approves bridge", title);
        Assert.Equal(new DateOnly(2025, 3, 14), date);
    }

    [Fact]
    public void ADateOnItsOwnLineDeepInTheBodyIsNotTheArticlesDate()
    {
        var text = "Harbour report\n\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"Paragraph {i} of the report.\n\n")) + "1 June 2024\n";

        Assert.Null(DocumentHeader.Parse(text).PublishedDate);
    }

    [Fact]
    public void AMetadataTitleIsOneCleanLine()
    {
        Assert.Equal("Council approves bridge", DocumentHeader.CleanTitle("  Council\n approves\u200B   bridge\u0007 "));
        Assert.Null(DocumentHeader.CleanTitle(" \n "));
    }
}
