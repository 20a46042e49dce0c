namespace QaBot.Cli.Bench.Results;

/// <summary>The benchmark corpus: how many Reuters articles, from which package.</summary>
internal sealed record CorpusInfo(string Source, int ArticlesInCollection, int Documents, int WithTitleAndBody, string EmbeddingModel);
