namespace QaBot.Core.Ingestion;

/// <summary>Reads the articles of a corpus folder; unreadable files are reported, not thrown.</summary>
public interface ICorpusLoader
{
    /// <summary>
    /// Names the reading: which readers turn files into text, titles and dates. The indexer stores it
    /// with each document's content hash, so a reader that changes what a file gives re-reads every file.
    /// </summary>
    string Signature => string.Empty;

    /// <summary>
    /// Lists and reads every article of <paramref name="folder"/>; of files sharing a document id, the
    /// first one (in path order) that loads is kept and the others are reported as skipped.
    /// </summary>
    Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// The files of <paramref name="folder"/> (recursively, in ordinal path order) with their kind and
    /// stamps, without reading them: files of the configured extensions, and files of other types as
    /// <see cref="CorpusFileKind.Other"/>. Files sharing a document id are all listed.
    /// </summary>
    Task<IReadOnlyList<CorpusFile>> ListAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads <paramref name="files"/> (as listed by <see cref="ListAsync"/>): documents in the order given
    /// (an archive's in record order), each with its listed stamp, the files (and records) that cannot be
    /// articles, and notes. Duplicate ids are left to the caller.
    /// </summary>
    Task<CorpusLoadResult> LoadFilesAsync(IReadOnlyList<CorpusFile> files, CancellationToken cancellationToken = default);
}
