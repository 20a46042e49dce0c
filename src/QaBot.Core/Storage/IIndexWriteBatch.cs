using Microsoft.Extensions.VectorData;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Storage;

/// <summary>
/// One write transaction on the index. <see cref="Chunks"/> is the chunk collection itself, bound to this
/// transaction: its <c>UpsertAsync</c>, <c>DeleteAsync</c> and reads run inside it. Disposing without
/// <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public interface IIndexWriteBatch : IAsyncDisposable
{
    /// <summary>The chunk collection, writing and reading inside this transaction.</summary>
    VectorStoreCollection<string, ChunkRecord> Chunks { get; }

    /// <summary>Inserts or replaces the catalog row of <paramref name="document"/> (its text, title, date and content hash).</summary>
    Task PutDocumentAsync(SourceDocument document, CancellationToken cancellationToken = default);

    /// <summary>Deletes a catalog row; false when there was none. The document's chunks are the caller's to delete.</summary>
    Task<bool> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    Task CommitAsync(CancellationToken cancellationToken = default);
}
