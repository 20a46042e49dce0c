using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.Retrieval;

/// <summary><see cref="HybridRetriever.Fuse{T}"/>: the retriever's settings turned into a fusion call.</summary>
public sealed class HybridRetrieverFusionTests
{
    private static readonly RankedHit<string>[] VectorHits = [Hit("a", 0.9), Hit("b", 0.6)];
    private static readonly RankedHit<string>[] KeywordHits = [Hit("b", 20), Hit("c", 10)];

    [Fact]
    public void ConvexFusionIsTheDefault()
    {
        var settings = new RetrievalOptions();

        var fused = HybridRetriever.Fuse(VectorHits, KeywordHits, 10, settings);

        Assert.Equal(FusionMethod.Convex, settings.Fusion);
        Assert.Equal(["b", "a", "c"], fused.Select(f => f.Key));
        Assert.Equal((0.6 / 0.9) + 1, fused[0].Score, 12);
    }

    [Fact]
    public void RrfUsesReciprocalRanksWithTheConfiguredKAndWeights()
    {
        var settings = new RetrievalOptions { Fusion = FusionMethod.Rrf, RrfK = 5, VectorWeight = 0.5, KeywordWeight = 2 };

        var fused = HybridRetriever.Fuse(VectorHits, KeywordHits, 10, settings);

        Assert.Equal(
            ReciprocalRankFusion.Fuse(VectorHits, KeywordHits, 5, 10, 0.5, 2).Select(f => (f.Key, f.Score)),
            fused.Select(f => (f.Key, f.Score)));
        Assert.Equal((0.5 / 7) + (2.0 / 6), fused[0].Score, 12);
    }

    [Fact]
    public void AListAsLongAsItsCandidateLimitIsTreatedAsCutOff()
    {
        var complete = HybridRetriever.Fuse(VectorHits, KeywordHits, 10, new RetrievalOptions { KeywordCandidates = 3 });
        var cutOff = HybridRetriever.Fuse(VectorHits, KeywordHits, 10, new RetrievalOptions { KeywordCandidates = 2 });

        // "a" has no BM25 hit: nothing when BM25 returned fewer than it was asked for, at most c's score when it was full.
        Assert.Equal(1, complete.Single(f => f.Key == "a").Score, 12);
        Assert.Equal(1.5, cutOff.Single(f => f.Key == "a").Score, 12);
    }

    [Fact]
    public void TheSimilarityCutOffIsTheVectorListsFloor()
    {
        var fused = HybridRetriever.Fuse(VectorHits, [], 10, new RetrievalOptions { MinVectorSimilarity = 0.3 });

        Assert.Equal((0.6 - 0.3) / (0.9 - 0.3), fused.Single(f => f.Key == "b").Score, 12);
    }

    private static RankedHit<string> Hit(string key, double score) => new(key, key, score);
}
