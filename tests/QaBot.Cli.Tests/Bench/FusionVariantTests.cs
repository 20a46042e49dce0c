using QaBot.Cli.Bench;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;

namespace QaBot.Cli.Tests.Bench;

public sealed class FusionVariantTests
{
    [Fact]
    public void ScoreAddsTheWeightedReciprocalRanksOfBothLists()
    {
        var variant = new FusionVariant(10, VectorWeight: 1, KeywordWeight: 2);

        Assert.Equal(1.0 / 11 + 2.0 / 13, variant.Score(Hit("a", vectorRank: 1, keywordRank: 3)), 12);
        Assert.Equal(2.0 / 11, variant.Score(Hit("b", vectorRank: null, keywordRank: 1)), 12);
        Assert.Equal(0, variant.Score(Hit("c", vectorRank: null, keywordRank: null)));
    }

    [Fact]
    public void HeavierKeywordWeightLetsTheTopKeywordHitWin()
    {
        RetrievedChunk[] candidates = [Hit("both", vectorRank: 8, keywordRank: 8), Hit("keyword-only", vectorRank: null, keywordRank: 1)];

        Assert.Equal("both", new FusionVariant(60, 1, 1).Order(candidates)[0].Chunk.ChunkId);
        Assert.Equal("keyword-only", new FusionVariant(10, 0.5, 1).Order(candidates)[0].Chunk.ChunkId);
    }

    [Fact]
    public void TiesGoToTheBetterSingleRankThenTheChunkId()
    {
        RetrievedChunk[] candidates = [Hit("z", vectorRank: null, keywordRank: 1), Hit("b", vectorRank: 2, keywordRank: null), Hit("a", vectorRank: 1, keywordRank: null)];

        var order = new FusionVariant(60, 1, 1).Order(candidates).Select(c => c.Chunk.ChunkId);

        Assert.Equal(["a", "z", "b"], order);
    }

    private static RetrievedChunk Hit(string id, int? vectorRank, int? keywordRank) =>
        new(new TextChunk(id, "doc-" + id, "Title", null, 0, 0, 1, "text"), 0, vectorRank, null, keywordRank, null);
}
