using QaBot.Cli.Bench;
using QaBot.Core.Ingestion;

namespace QaBot.Cli.Tests.Bench;

public sealed class ReutersTextTests
{
    [Theory]
    [InlineData("26-FEB-1987 15:01:01.79", 1987, 2, 26)]
    [InlineData(" 5-MAR-1987 09:12:00.00", 1987, 3, 5)]
    [InlineData("19-OCT-1987", 1987, 10, 19)]
    public void ParsesTheCollectionsDates(string value, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), ReutersText.ParseDate(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("31-FOO-1987 10:00:00.00")]
    public void UnparsableDatesAreNull(string? value)
    {
        Assert.Null(ReutersText.ParseDate(value));
    }

    [Fact]
    public void ArticleTextIsHeadlineThenDateLineThenBodyAndQaBotReadsThemBack()
    {
        var article = new ReutersArticle(
            42, ReutersText.CleanTitle("BAHIA COCOA\n  REVIEW\n"), ReutersText.CleanBody("Showers continued.\r\n    Reuter\n"), new DateOnly(1987, 2, 26));

        var text = ReutersText.ToArticleText(article);

        Assert.Equal("BAHIA COCOA REVIEW\ndate 1987-02-26\n\nShowers continued.\n    Reuter\n", text);
        Assert.Equal("reuters-00042", article.DocumentId);
        var (title, date) = DocumentHeader.Parse(text);
        Assert.Equal("BAHIA COCOA REVIEW", title);
        Assert.Equal(new DateOnly(1987, 2, 26), date);
    }

    [Fact]
    public void ArticleWithoutDateOrBodyKeepsWhatItHas()
    {
        var text = ReutersText.ToArticleText(new ReutersArticle(7, "U.S. TAX WRITERS SEEK ESTATE TAX CURBS", string.Empty, null));

        Assert.Equal("U.S. TAX WRITERS SEEK ESTATE TAX CURBS\n", text);
    }
}
