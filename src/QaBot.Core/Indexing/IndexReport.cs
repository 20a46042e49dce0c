using QaBot.Core.Ingestion;

namespace QaBot.Core.Indexing;

/// <summary>What an index run did, with the time of each stage.</summary>
public sealed record IndexReport(
    int DocumentsSeen,
    int DocumentsEmbedded,
    int DocumentsUnchanged,
    int DocumentsDeleted,
    int ChunksWritten,
    IReadOnlyList<SkippedFile> Skipped,
    TimeSpan Elapsed,
    IndexStageTimings Stages);
