namespace QaBot.Core.Storage;

/// <summary>
/// The document catalog and its chunks in the QaBot database. Every write is one transaction:
/// readers see a document's old version or its new one, never a mix.
/// </summary>
public interface IIndexStore
{
    /// <summary>
    /// Creates the tables if missing and records <paramref name="model"/> on first use.
    /// Throws <see cref="IndexMismatchException"/> when the database was built by another model or dimension.
    /// </summary>
    Task InitializeAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>Drops every document, chunk and vector, then initializes for <paramref name="model"/>.</summary>
    Task ResetAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>The model recorded in the database, or null when there is no index yet.</summary>
    Task<EmbeddingModelInfo?> GetEmbeddingModelAsync(CancellationToken cancellationToken = default);

    /// <summary>The corpus the index was built from (<see cref="Configuration.CorpusIdentity.KeyOf"/>), or null when none is recorded.</summary>
    Task<string?> GetCorpusAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the corpus the index is built from; the database must be initialized.</summary>
    Task SetCorpusAsync(string corpus, CancellationToken cancellationToken = default);

    /// <summary>Content hash of every indexed document, by document id.</summary>
    Task<IReadOnlyDictionary<string, string>> GetDocumentHashesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces each document in one transaction for the whole batch: its old chunks (rows, vectors,
    /// FTS entries) are deleted, the new ones inserted, and its catalog row (with the content hash) written last.
    /// </summary>
    Task ReplaceDocumentsAsync(IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewrites the stored content hash of documents whose chunks stay as they are (a touched file with
    /// the same bytes gets its new file stamp), in one transaction. Ids not in the catalog are ignored.
    /// Returns how many catalog rows were updated.
    /// </summary>
    Task<int> UpdateDocumentHashesAsync(IReadOnlyDictionary<string, string> hashes, CancellationToken cancellationToken = default);

    /// <summary>Deletes documents and their chunks in one transaction; returns how many documents existed.</summary>
    Task<int> DeleteDocumentsAsync(IEnumerable<string> documentIds, CancellationToken cancellationToken = default);

    /// <summary>A document with its full text, or null when it is not indexed.</summary>
    Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Chunks by id, in the order asked for (unknown ids are left out).</summary>
    Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(IEnumerable<string> chunkIds, CancellationToken cancellationToken = default);

    /// <summary>Chunks of one document in ordinal order.</summary>
    Task<IReadOnlyList<ChunkRecord>> GetDocumentChunksAsync(string documentId, CancellationToken cancellationToken = default);

    Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default);
}
