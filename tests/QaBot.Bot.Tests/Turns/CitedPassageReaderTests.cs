using QaBot.Bot.Turns;
using QaBot.Core.Answering;

namespace QaBot.Bot.Tests.Turns;

/// <summary>Finding what a citation cites: each joined sentence on its own, with a sentence of context either side.</summary>
public sealed class CitedPassageReaderTests
{
    private const string Text = "Headline.\nThe board met on Monday. It approved the new quay. Work starts in May.\nOther news filled the page. The mayor thanked the workers. Crowds gathered.";

    [Fact]
    public void TwoDistantSentencesOfOneArticleBecomeTwoSegmentsWithTheirContext()
    {
        var first = Text.IndexOf("It approved", StringComparison.Ordinal);
        var second = Text.IndexOf("The mayor", StringComparison.Ordinal);
        var citation = Cite("It approved the new quay. … The mayor thanked the workers.", first, second + "The mayor thanked the workers.".Length);

        var passage = CitedPassageReader.Locate(citation, Text);

        Assert.Equal(2, passage.Segments.Count);
        Assert.Equal((first, first + "It approved the new quay.".Length), passage.Ranges[0]);
        Assert.Equal((second, second + "The mayor thanked the workers.".Length), passage.Ranges[1]);
        Assert.Equal("The board met on Monday.", passage.Segments[0].Before);
        Assert.Equal("Work starts in May.", passage.Segments[0].After);
        Assert.Equal("Crowds gathered.", passage.Segments[1].After);
    }

    [Fact]
    public void WhiteSpaceThatDiffersFromTheArticleStillMatches()
    {
        var start = Text.IndexOf("Work starts", StringComparison.Ordinal);
        var citation = Cite("Work  starts\nin May.", start, start + 19);

        var passage = CitedPassageReader.Locate(citation, Text);

        Assert.Equal((start, start + "Work starts in May.".Length), Assert.Single(passage.Ranges));
    }

    [Fact]
    public void ASnippetThatIsNotTextOfTheArticleKeepsTheGivenSpanAndShowsTheSnippet()
    {
        var passage = CitedPassageReader.Locate(Cite("A paraphrase the model wrote.", 10, 34), Text);

        var segment = Assert.Single(passage.Segments);
        Assert.Equal((10, 34), (segment.Start, segment.End));
        Assert.Equal("A paraphrase the model wrote.", segment.Text);
    }

    private static Citation Cite(string snippet, int start, int end) => new(1, "doc", "doc#0", "Headline", null, snippet, start, end, 0.5);
}
