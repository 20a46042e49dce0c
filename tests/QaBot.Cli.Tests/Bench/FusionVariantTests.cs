using QaBot.Cli.Bench;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;

namespace QaBot.Cli.Tests.Bench;

public sealed class FusionVariantTests
{
    private static readonly RetrievalOptions Retrieval = new();

    [Fact]
    public void HeavierKeywordWeightLetsTheTopKeywordHitWinUnderRrf()
    {
        // "both" is 8th in each list; the others fill ranks 1-7 of the vector list and 1-7 of the keyword list.
        RetrievedChunk[] candidates =
        [
            Hit("both", 8, 0.5, 8, 5),
            Hit("keyword-only", null, null, 1, 9),
            .. Enumerable.Range(1, 7).Select(r => Hit("v" + r, r, 0.9 - (r * 0.01), null, null)),
            .. Enumerable.Range(2, 6).Select(r => Hit("k" + r, null, null, r, 9 - (r * 0.1))),
        ];

        Assert.Equal("both", FusionVariant.Rrf(60, 1, 1).Order(candidates, Retrieval)[0].Chunk.ChunkId);
        Assert.Equal("keyword-only", FusionVariant.Rrf(10, 0.5, 1).Order(candidates, Retrieval)[0].Chunk.ChunkId);
    }

    [Fact]
    public void ConvexFusionWeighsTheScoresWhereRrfSeesOnlyTheRanks()
    {
        // Each is first in one list and second in the other, so RRF ties them (and the key decides); BM25
        // scores b three times as high as a, while the vector list barely tells them apart.
        RetrievedChunk[] candidates = [Hit("a", 1, 0.90, 2, 10), Hit("b", 2, 0.89, 1, 30)];

        Assert.Equal(["a", "b"], FusionVariant.Rrf(10, 1, 1).Order(candidates, Retrieval).Select(c => c.Chunk.ChunkId));
        Assert.Equal(["b", "a"], FusionVariant.Convex(1, 1).Order(candidates, Retrieval).Select(c => c.Chunk.ChunkId));
    }

    [Fact]
    public void TheCandidateLimitsTheListsWereReadWithDecideWhetherAMissingItemWasCutOff()
    {
        RetrievedChunk[] candidates = [Hit("a", 1, 0.9, null, null), Hit("b", 2, 0.3, 1, 20), Hit("c", null, null, 2, 10)];

        // BM25 full at its limit of 2: "a" may have scored up to c's 10 and overtakes b.
        var cutOff = FusionVariant.Convex(1, 1).Order(candidates, new RetrievalOptions { KeywordCandidates = 2 });
        var complete = FusionVariant.Convex(1, 1).Order(candidates, new RetrievalOptions { KeywordCandidates = 40 });

        Assert.Equal(["a", "b", "c"], cutOff.Select(c => c.Chunk.ChunkId));
        Assert.Equal(["b", "a", "c"], complete.Select(c => c.Chunk.ChunkId));
    }

    [Fact]
    public void TiesGoToTheBetterSingleRankThenTheChunkId()
    {
        RetrievedChunk[] candidates = [Hit("z", null, null, 1, 3), Hit("b", 2, 0.5, null, null), Hit("a", 1, 0.6, null, null)];

        var order = FusionVariant.Rrf(60, 1, 1).Order(candidates, Retrieval).Select(c => c.Chunk.ChunkId);

        Assert.Equal(["a", "z", "b"], order);
    }

    [Fact]
    public void CandidatesWithAGapInARankAreRefused()
    {
        RetrievedChunk[] candidates = [Hit("a", 1, 0.9, null, null), Hit("b", 3, 0.5, null, null)];

        Assert.Throws<ArgumentException>(() => FusionVariant.Convex(1, 1).Order(candidates, Retrieval));
    }

    [Fact]
    public void TheSweepNamesEachMethodAndSetting()
    {
        Assert.Equal("rrf k=60 vector×1 keyword×1", FusionVariant.Rrf(60, 1, 1).Name);
        Assert.Equal("convex vector×0.5 keyword×1", FusionVariant.Convex(0.5, 1).Name);
        Assert.Contains(FusionVariant.Sweep, v => v.Method == FusionMethod.Rrf);
        Assert.Contains(FusionVariant.Sweep, v => v == FusionVariant.Convex(Retrieval.VectorWeight, Retrieval.KeywordWeight));
    }

    private static RetrievedChunk Hit(string id, int? vectorRank, double? similarity, int? keywordRank, double? keywordScore) =>
        new(new TextChunk(id, "doc-" + id, "Title", null, 0, 0, 1, "text"), 0, vectorRank, similarity, keywordRank, keywordScore);
}
