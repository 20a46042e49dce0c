using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    private static RankedHit<string>[] List(params string[] keys) => keys.Select((k, i) => new RankedHit<string>(k, k, 1.0 - (i * 0.1))).ToArray();

    [Fact]
    public void AnItemInBothListsBeatsItemsInOne()
    {
        var fused = ReciprocalRankFusion.Fuse(List("a", "b", "c"), List("c", "d"), k: 60, top: 10);

        Assert.Equal("c", fused[0].Key);
        Assert.Equal(1.0 / 63 + 1.0 / 61, fused[0].Score, 12);
        Assert.Equal((3, 1), (fused[0].VectorRank, fused[0].KeywordRank));
    }

    [Fact]
    public void ScoresFollowTheFormulaAndRanksAreKept()
    {
        var fused = ReciprocalRankFusion.Fuse(List("a", "b"), List("b", "a"), k: 1, top: 10);

        // a: 1/2 + 1/3, b: 1/3 + 1/2 — a tie, broken by best single rank (both 1), then key.
        Assert.Equal(["a", "b"], fused.Select(f => f.Key));
        Assert.All(fused, f => Assert.Equal(1.0 / 2 + 1.0 / 3, f.Score, 12));
    }

    [Fact]
    public void OnlyTopItemsAreReturnedAndMissingRanksAreNull()
    {
        var fused = ReciprocalRankFusion.Fuse(List("a", "b", "c"), List(), k: 60, top: 2);

        Assert.Equal(["a", "b"], fused.Select(f => f.Key));
        Assert.All(fused, f => Assert.Null(f.KeywordRank));
    }

    [Fact]
    public void ListWeightsScaleEachListsContribution()
    {
        var fused = ReciprocalRankFusion.Fuse(List("a", "b"), List("b", "c"), k: 10, top: 10, vectorWeight: 0.5, keywordWeight: 2);

        Assert.Equal(["b", "c", "a"], fused.Select(f => f.Key));
        Assert.Equal((0.5 / 12) + (2.0 / 11), fused[0].Score, 12);
        Assert.Equal(2.0 / 12, fused[1].Score, 12);
        Assert.Equal(0.5 / 11, fused[2].Score, 12);
    }

    [Fact]
    public void ADuplicateKeyInOneListCountsOnce()
    {
        var fused = ReciprocalRankFusion.Fuse(List("a", "a"), List(), k: 60, top: 5);

        Assert.Equal(1.0 / 61, Assert.Single(fused).Score, 12);
    }
}
