namespace QaBot.Cli.Bench.Results;

/// <summary>A full index (rebuild) of the whole benchmark corpus.</summary>
internal sealed record IndexingResult(
    int Documents,
    int Chunks,
    double Seconds,
    double CpuSeconds,
    double DocumentsPerSecond,
    double ChunksPerSecond,
    StageSeconds Stages,
    long? PeakWorkingSetBytes,
    long GcHeapBytes,
    long GcCommittedBytes,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long DatabaseBytes);
