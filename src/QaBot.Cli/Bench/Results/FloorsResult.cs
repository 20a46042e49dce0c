namespace QaBot.Cli.Bench.Results;

/// <summary>
/// The floors, each measured alone on the same data: the embedder over the same chunk texts with no
/// storage, and a bulk insert of the same rows (catalog, chunks with FTS5, vec0) with nothing else.
/// Wall-clock ratios swing with the load other jobs put on the machine; the CPU-time ratio much less.
/// </summary>
internal sealed record FloorsResult(
    int Chunks,
    double EmbedSeconds,
    double EmbedChunksPerSecond,
    double InsertSeconds,
    double InsertChunksPerSecond,
    double SumSeconds,
    double FullIndexOverFloors,
    double EmbedCpuSeconds,
    double InsertCpuSeconds,
    double FullIndexCpuOverFloorsCpu,
    double StoreAloneSeconds);
