namespace QaBot.Cli.Bench.Results;

/// <summary>
/// The same corpus indexed and queried on the PostgreSQL engine in the same run (<c>--provider postgres</c>):
/// full index, query latency and known-item recall, beside the SQLite figures.
/// </summary>
internal sealed record PostgresResult(string Server, IndexingResult Indexing, QueryLatencyResult Queries, RecallResult? Recall);
