using QaBot.Cli.Bench;

namespace QaBot.Cli.Tests.Bench;

public sealed class KnownItemScoreTests
{
    [Fact]
    public void RecallCountsRanksWithinTheCutoffAndMrrAveragesTheirReciprocals()
    {
        int?[] ranks = [1, 2, null, 11, 4];

        var score = KnownItemScore.From(ranks, cutoff: 10);

        Assert.Equal(5, score.Queries);
        Assert.Equal(3, score.Found);
        Assert.Equal(0.6, score.RecallAtK);
        Assert.Equal(Math.Round((1 + 0.5 + 0.25) / 5, 4), score.Mrr);
    }

    [Fact]
    public void NoQueriesScoreZero()
    {
        Assert.Equal(new KnownItemScore(0, 0, 10, 0, 0), KnownItemScore.From([], 10));
    }

    [Theory]
    [InlineData(new[] { "a", "b", "c" }, "a", 1)]
    [InlineData(new[] { "a", "a", "a", "b" }, "b", 2)]
    [InlineData(new[] { "a", "b", "a", "c" }, "c", 3)]
    [InlineData(new[] { "a", "b", "c" }, "d", null)]
    public void RankCountsEachDocumentOnceAtItsBestChunk(string[] documents, string wanted, int? expected)
    {
        Assert.Equal(expected, KnownItemScore.RankOf(documents, wanted, cutoff: 10));
    }

    [Fact]
    public void RankBeyondTheCutoffIsNotFound()
    {
        var documents = Enumerable.Range(1, 12).Select(i => $"d{i}").ToList();

        Assert.Equal(10, KnownItemScore.RankOf(documents, "d10", cutoff: 10));
        Assert.Null(KnownItemScore.RankOf(documents, "d11", cutoff: 10));
    }

    [Fact]
    public void WithSeveralRelevantDocumentsTheFirstOfThemCounts()
    {
        // Chunks of d1 twice, then d2, d3 (relevant), d4 (relevant).
        string[] documents = ["d1", "d1", "d2", "d3", "d4"];

        Assert.Equal(3, KnownItemScore.RankOf(documents, new HashSet<string> { "d4", "d3" }, cutoff: 10));
        Assert.Null(KnownItemScore.RankOf(documents, new HashSet<string> { "d4", "d3" }, cutoff: 2));
        Assert.Null(KnownItemScore.RankOf(documents, new HashSet<string> { "d9" }, cutoff: 10));
    }
}
