using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.Retrieval;

public sealed class ConvexScoreFusionTests
{
    private static ScoredList<string> List(double floor, bool cutOff, params (string Key, double Score)[] hits) =>
        new(hits.Select(h => new RankedHit<string>(h.Key, h.Key, h.Score)).ToArray(), floor, cutOff);

    // Cosine similarities from 0 and BM25 scores from 0; "b" is in both lists.
    private static ScoredList<string> Vector(bool cutOff = false) => List(0, cutOff, ("a", 0.9), ("b", 0.6));

    private static ScoredList<string> Keyword(bool cutOff = false) => List(0, cutOff, ("b", 20), ("c", 10));

    [Fact]
    public void EachListIsScaledFromItsFloorToItsBestScoreAndTheScaledScoresAdded()
    {
        var fused = ConvexScoreFusion.Fuse(Vector(), Keyword(), top: 10);

        // b: 0.6 / 0.9 + 20 / 20; a: 0.9 / 0.9 + nothing; c: nothing + 10 / 20.
        Assert.Equal(["b", "a", "c"], fused.Select(f => f.Key));
        Assert.Equal((0.6 / 0.9) + 1, fused[0].Score, 12);
        Assert.Equal(1, fused[1].Score, 12);
        Assert.Equal(0.5, fused[2].Score, 12);
        Assert.Equal((2, 0.6, 1, 20.0), (fused[0].VectorRank, fused[0].VectorScore, fused[0].KeywordRank, fused[0].KeywordScore));
        Assert.Equal((1, (int?)null, (double?)null), (fused[1].VectorRank, fused[1].KeywordRank, fused[1].KeywordScore));
        Assert.Equal(((int?)null, (double?)null, 2), (fused[2].VectorRank, fused[2].VectorScore, fused[2].KeywordRank));
    }

    [Fact]
    public void AnItemMissingFromACutOffListIsCreditedWithThatListsLowestScore()
    {
        var complete = ConvexScoreFusion.Fuse(Vector(), Keyword(cutOff: false), top: 10);
        var cutOff = ConvexScoreFusion.Fuse(Vector(), Keyword(cutOff: true), top: 10);

        // "a" is not among the BM25 hits: it scored nothing when the list was complete, at most c's 10 when it was cut off.
        Assert.Equal(1, complete.Single(f => f.Key == "a").Score, 12);
        Assert.Equal(1 + (10.0 / 20), cutOff.Single(f => f.Key == "a").Score, 12);
        Assert.Null(cutOff.Single(f => f.Key == "a").KeywordRank);
        Assert.Equal(0.5, cutOff.Single(f => f.Key == "c").Score, 12); // the vector list was complete
    }

    [Fact]
    public void TheFloorIsWhatScalesToZero()
    {
        var fused = ConvexScoreFusion.Fuse(List(0.5, false, ("a", 0.9), ("b", 0.7), ("c", 0.5)), List(0, false), top: 10);

        Assert.Equal([1, 0.5, 0], fused.Select(f => Math.Round(f.Score, 12)));
    }

    [Fact]
    public void AListWhoseScoresAllSitAtTheFloorCarriesNoEvidence()
    {
        var fused = ConvexScoreFusion.Fuse(List(0.2, true, ("a", 0.2), ("b", 0.1)), Keyword(), top: 10);

        Assert.Equal(0, fused.Single(f => f.Key == "a").Score);
        Assert.Equal(1, fused.Single(f => f.Key == "b").Score, 12); // its BM25 score alone
        Assert.Equal(["b", "c", "a"], fused.Select(f => f.Key));
    }

    [Theory]
    [InlineData(1, 0, new[] { "a", "b", "c" })]
    [InlineData(0, 1, new[] { "b", "c", "a" })]
    [InlineData(4, 1, new[] { "a", "b", "c" })]
    [InlineData(1, 3, new[] { "b", "c", "a" })]
    public void TheWeightsDecideWhichListLeads(double vectorWeight, double keywordWeight, string[] expected)
    {
        var fused = ConvexScoreFusion.Fuse(Vector(), Keyword(), top: 10, vectorWeight, keywordWeight);

        Assert.Equal(expected, fused.Select(f => f.Key));
    }

    [Fact]
    public void WeightsScaleTheScoresButOnlyTheirRatioChangesTheOrder()
    {
        var single = ConvexScoreFusion.Fuse(Vector(), Keyword(), top: 10, vectorWeight: 1, keywordWeight: 2);
        var doubled = ConvexScoreFusion.Fuse(Vector(), Keyword(), top: 10, vectorWeight: 2, keywordWeight: 4);

        Assert.Equal(single.Select(f => f.Key), doubled.Select(f => f.Key));
        Assert.Equal((0.6 / 0.9) + 2, single[0].Score, 12);
        Assert.All(single.Zip(doubled), p => Assert.Equal(2 * p.First.Score, p.Second.Score, 12));
    }

    [Fact]
    public void TiesGoToTheBetterSingleRankThenTheKey()
    {
        // Every item scales to 1: z and a are first in their lists, y is second in the vector list.
        var fused = ConvexScoreFusion.Fuse(List(0, false, ("z", 0.8), ("y", 0.8)), List(0, false, ("a", 5)), top: 10);

        Assert.Equal(["a", "z", "y"], fused.Select(f => f.Key));
        Assert.All(fused, f => Assert.Equal(1, f.Score, 12));
    }

    [Fact]
    public void EmptyListsFuseToNothingAndOneEmptyListLeavesTheOthersOrder()
    {
        Assert.Empty(ConvexScoreFusion.Fuse(List(0, false), List(0, true), top: 10));

        var vectorOnly = ConvexScoreFusion.Fuse(List(0, true, ("a", 0.9), ("b", 0.3)), List(0, false), top: 10);
        Assert.Equal(["a", "b"], vectorOnly.Select(f => f.Key));
        Assert.Equal(1, vectorOnly[0].Score, 12);
        Assert.Equal(0.3 / 0.9, vectorOnly[1].Score, 12);
        Assert.All(vectorOnly, f => Assert.Null(f.KeywordRank));
    }

    [Fact]
    public void OnlyTheTopItemsAreReturnedAndADuplicateKeyCountsOnceAtItsFirstRank()
    {
        var fused = ConvexScoreFusion.Fuse(List(0, false, ("a", 0.9), ("a", 0.6), ("b", 0.3), ("c", 0.1)), List(0, false), top: 2);

        Assert.Equal(["a", "b"], fused.Select(f => f.Key));
        Assert.Equal((1, 0.9), (fused[0].VectorRank, fused[0].VectorScore));
        Assert.Equal(1, fused[0].Score, 12);
    }

    [Fact]
    public void NegativeWeightsAndTopAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvexScoreFusion.Fuse(Vector(), Keyword(), top: 10, vectorWeight: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvexScoreFusion.Fuse(Vector(), Keyword(), top: 10, keywordWeight: -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvexScoreFusion.Fuse(Vector(), Keyword(), top: -1));
    }
}
