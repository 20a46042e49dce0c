namespace QaBot.Cli.Bench.Results;

/// <summary>
/// Known-item recall over the sampled articles whose title no other article of the corpus carries. For a
/// title shared by many articles ("HOG AND CATTLE SLAUGHTER GUESSTIMATES" heads 25) the query cannot
/// tell them apart, so whether the sampled one lands in the top 10 depends on how each list breaks ties
/// (BM25 by insertion order), not on the fusion.
/// </summary>
internal sealed record UniqueTitleRecall(int Queries, KnownItemScore Vector, KnownItemScore Keyword, KnownItemScore Hybrid);
