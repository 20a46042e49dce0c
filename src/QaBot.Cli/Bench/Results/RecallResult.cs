namespace QaBot.Cli.Bench.Results;

/// <summary>Known-item search (the article's title as the query) over a seeded random sample of articles.</summary>
internal sealed record RecallResult(
    int Sample,
    int Seed,
    int Candidates,
    KnownItemScore Vector,
    KnownItemScore Keyword,
    KnownItemScore Hybrid,
    IReadOnlyList<FusionSweepEntry> FusionSweep,
    SampledArticleRecall SampledArticle);
