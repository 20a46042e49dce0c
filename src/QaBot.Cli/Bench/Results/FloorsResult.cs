namespace QaBot.Cli.Bench.Results;

/// <summary>
/// The floors, each measured alone on the same data: the embedder over the same chunk texts with no
/// storage, and a bulk insert of the same rows (catalog, chunks with FTS5, vec0) with nothing else.
/// </summary>
internal sealed record FloorsResult(
    int Chunks,
    double EmbedSeconds,
    double EmbedChunksPerSecond,
    double InsertSeconds,
    double InsertChunksPerSecond,
    double SumSeconds,
    double FullIndexOverFloors);
