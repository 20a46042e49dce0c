namespace QaBot.Core.Ingestion;

/// <summary>Reads the articles of a corpus folder; unreadable files are reported, not thrown.</summary>
public interface ICorpusLoader
{
    /// <summary>
    /// Lists and reads every article of <paramref name="folder"/>; of files sharing a document id, the
    /// first one (in path order) that loads is kept and the others are reported as skipped.
    /// </summary>
    Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// The corpus files of <paramref name="folder"/> (by extension, recursively, in ordinal path order)
    /// with their stamps, without reading them. Files sharing a document id are all listed.
    /// </summary>
    Task<IReadOnlyList<CorpusFile>> ListAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads <paramref name="files"/> (as listed by <see cref="ListAsync"/>): documents in the order given,
    /// each with its listed stamp, and the files that cannot be articles. Duplicate ids are left to the caller.
    /// </summary>
    Task<CorpusLoadResult> LoadFilesAsync(IReadOnlyList<CorpusFile> files, CancellationToken cancellationToken = default);
}
