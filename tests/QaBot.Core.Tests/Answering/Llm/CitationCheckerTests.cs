using QaBot.Core.Answering;
using QaBot.Core.Answering.Llm;

namespace QaBot.Core.Tests.Answering.Llm;

public sealed class CitationCheckerTests
{
    [Theory]
    [InlineData("Hegseth met Jaishankar [1].", "Hegseth met Jaishankar [1].", "pentagon")]
    [InlineData("Hegseth [1]. Trade [2].", "Hegseth [1]. Trade [2].", "pentagon,trade")]
    [InlineData("Rain [3]. Hegseth [1]. Rain again [3].", "Rain [1]. Hegseth [2]. Rain again [1].", "weather,pentagon")]
    [InlineData("Trade and rain [2, 3].", "Trade and rain [1][2].", "trade,weather")]
    [InlineData("Trade [Source 2].", "Trade [1].", "trade")]
    [InlineData("Hegseth [9]. Trade [2].", "Hegseth. Trade [1].", "trade")]
    [InlineData("Hegseth [1][1][4].", "Hegseth [1].", "pentagon")]
    [InlineData("Hegseth [0] met him [1] .", "Hegseth met him [1].", "pentagon")]
    [InlineData("Trade [2] [1] [2].", "Trade [1][2].", "trade,pentagon")]
    public void MarkersAreCheckedAndRenumberedInOrderOfFirstUse(string generated, string expected, string documents)
    {
        var result = CitationChecker.Check(generated, LlmPassages.Three());

        Assert.False(result.Declined);
        Assert.Equal(expected, result.Text);
        Assert.Equal(documents.Split(','), result.Citations.Select(c => c.DocumentId));
        Assert.Equal(Enumerable.Range(1, result.Citations.Count), result.Citations.Select(c => c.Number));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Pete Hegseth.")]
    [InlineData("Pete Hegseth [4].")]
    [InlineData("I couldn't find that in the indexed articles.")]
    [InlineData("I couldn’t find that in the indexed articles [1].")]
    [InlineData("I don't know based on these sources [1].")]
    [InlineData("The sources do not say who won [2].")]
    public void DeclinesAndAnswersWithoutAValidCitationAreDeclines(string generated)
    {
        var result = CitationChecker.Check(generated, LlmPassages.Three());

        Assert.True(result.Declined);
        Assert.Equal(AnswerMessages.NotFound, result.Text);
        Assert.Empty(result.Citations);
    }

    [Fact]
    public void ACitationIsThePassageTheModelWasGivenWithTheChunksOffsets()
    {
        var passages = LlmPassages.Three();

        var citation = Assert.Single(CitationChecker.Check("Talks began in February [2].", passages).Citations);

        var chunk = passages[1].Chunk;
        Assert.Equal((chunk.DocumentId, chunk.ChunkId, chunk.Title, chunk.PublishedDate), (citation.DocumentId, citation.ChunkId, citation.Title, citation.PublishedDate));
        Assert.Equal(chunk.Text, citation.Snippet);
        Assert.Equal((chunk.Start, chunk.End), (citation.SnippetStart, citation.SnippetEnd));
    }

    [Fact]
    public void RemovedMarkersAreCounted()
    {
        Assert.Equal(2, CitationChecker.Check("A [5]. B [1][6].", LlmPassages.Three()).RemovedMarkers);
    }
}
