using QaBot.Core.Ingestion;

namespace QaBot.Core.Indexing;

/// <summary>How the corpus folder differs from the catalog.</summary>
/// <param name="Changed">How many documents are new or changed in content (or chunking): chunked and embedded.</param>
/// <param name="Present">Ids of every document in the folder (after skipping broken files and duplicate ids).</param>
/// <param name="Unchanged">How many present documents need nothing.</param>
/// <param name="Restamped">Catalog values to rewrite for unchanged documents whose file got a new stamp (touched, same bytes).</param>
/// <param name="Removed">Ids in the catalog whose file (or record) is gone.</param>
/// <param name="Skipped">Files that cannot be articles or lost their id to an earlier file, in path order.</param>
/// <param name="FilesRead">How many files were read; the others were unchanged by their stamp.</param>
internal sealed record CorpusChanges(
    int Changed,
    IReadOnlySet<string> Present,
    int Unchanged,
    IReadOnlyDictionary<string, string> Restamped,
    IReadOnlyList<string> Removed,
    IReadOnlyList<SkippedFile> Skipped,
    int FilesRead)
{
    /// <summary>Notes on files read in this run (another encoding than UTF-8), in path order.</summary>
    public IReadOnlyList<FileNote> Notes { get; init; } = [];

    /// <summary>Files of types QaBot does not read, in path order.</summary>
    public IReadOnlyList<string> OtherFiles { get; init; } = [];
}
