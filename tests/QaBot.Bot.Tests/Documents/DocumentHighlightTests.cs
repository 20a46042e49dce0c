using QaBot.Bot.Documents;

namespace QaBot.Bot.Tests.Documents;

/// <summary>Links with several cited ranges, and the document page that highlights exactly them.</summary>
public sealed class DocumentHighlightTests
{
    private static readonly DocumentView Article = new("doc_1", "Title", null, "First sentence. Middle part that is not cited. Last sentence.");

    [Theory]
    [InlineData("0-15,47-61", new[] { 0, 15, 47, 61 })]
    [InlineData("47-61,0-15", new[] { 0, 15, 47, 61 })]
    [InlineData("0-20,10-30", new[] { 0, 30 })]
    [InlineData("5-5,x-9,-3-4,7-2,,3-", new int[0])]
    [InlineData("", new int[0])]
    public void RangesAreParsedSortedAndMergedAndBadOnesLeftOut(string value, int[] expected)
    {
        var ranges = DocumentLinks.ParseRanges(value);

        Assert.Equal(expected, ranges.SelectMany(r => new[] { r.Start, r.End }));
    }

    [Fact]
    public void TheLinkCarriesEveryRangeAndTheAnchor()
    {
        var link = DocumentLinks.For(new Uri("https://bot.example.com/"), "doc 1", [(0, 15), (47, 61)]);

        Assert.Equal("https://bot.example.com/documents/doc%201?hl=0-15,47-61#cited", link.AbsoluteUri);
    }

    [Fact]
    public void ThePageMarksEachRangeTheFirstAsTheAnchorAndNothingBetween()
    {
        var html = DocumentPageRenderer.Render(Article, [(0, 15), (47, 61)]);

        Assert.Contains("<mark id=\"cited\">First sentence.</mark>", html, StringComparison.Ordinal);
        Assert.Contains("</mark> Middle part that is not cited. <mark>Last sentence.</mark>", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<mark").Length - 1);
    }

    [Fact]
    public void RangesBeyondTheTextAreCutAndAnOldStartEndLinkStillWorks()
    {
        Assert.Contains("<mark id=\"cited\">Last sentence.</mark>", DocumentPageRenderer.Render(Article, [(47, 5000)]), StringComparison.Ordinal);
        Assert.DoesNotContain("<mark", DocumentPageRenderer.Render(Article, [(500, 600)]), StringComparison.Ordinal);
        Assert.Contains("<mark id=\"cited\">First sentence.</mark>", DocumentPageRenderer.Render(Article, 0, 15), StringComparison.Ordinal);
    }
}
