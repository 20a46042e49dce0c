namespace QaBot.Cli.Bench.Results;

/// <summary>
/// Known-item recall counting only the sampled article itself, not the other articles with its title.
/// <paramref name="SharedTitleQueries"/> of the sampled titles head more than one article; for those the
/// query cannot tell the articles apart, and whether the sampled one makes the top 10 depends on how each
/// list breaks ties (BM25 by insertion order), not on retrieval quality. <paramref name="HybridMissesKeywordFinds"/>
/// lists the sampled articles the hybrid left out of its top 10 while BM25 alone had them, with how many
/// articles share each one's title, so a gap between the two can be read.
/// </summary>
internal sealed record SampledArticleRecall(
    int SharedTitleQueries,
    KnownItemScore Vector,
    KnownItemScore Keyword,
    KnownItemScore Hybrid,
    IReadOnlyList<SharedTitleMiss> HybridMissesKeywordFinds);
