namespace QaBot.Cli.Bench.Results;

/// <summary>Everything one <c>qabot bench</c> run measured; written to bench/results.json.</summary>
internal sealed record BenchResults(
    string Date,
    string Command,
    MachineInfo Machine,
    CorpusInfo Corpus,
    IndexingResult? Indexing,
    ReindexResult? Reindex,
    FloorsResult? Floors,
    IReadOnlyList<QueryLatencyResult> Queries,
    RecallResult? Recall,
    LoadResult Load,
    IReadOnlyList<TargetCheck> Targets,
    double TotalSeconds,
    PostgresResult? Postgres = null);
