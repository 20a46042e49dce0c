namespace QaBot.Core.Indexing;

/// <summary>
/// Brings the index in line with the corpus folder: new and changed files are chunked, embedded and
/// stored; unchanged files (same content hash) are left alone; deleted files are removed.
/// </summary>
public interface ICorpusIndexer
{
    Task<IndexReport> IndexAsync(bool rebuild = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>True when the index is missing, built by another embedding model, or out of date with the corpus.</summary>
    Task<bool> IsStaleAsync(CancellationToken cancellationToken = default);
}
