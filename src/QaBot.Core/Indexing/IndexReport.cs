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
    IndexStageTimings Stages)
{
    /// <summary>Files read with a remark (read as Windows-1252, say), in path order.</summary>
    public IReadOnlyList<FileNote> Notes { get; init; } = [];

    /// <summary>Files of types QaBot does not read (not in QaBot:Corpus:Extensions): counted and named, not indexed.</summary>
    public IReadOnlyList<string> OtherFiles { get; init; } = [];
}
