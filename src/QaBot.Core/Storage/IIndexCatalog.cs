namespace QaBot.Core.Storage;

/// <summary>
/// The document catalog beside the chunk collection: which embedding model and analyzer built the index,
/// each document's content hash (with its file stamp and the chunker's signature) and full text. Writes go
/// through <see cref="BeginWriteAsync"/>: one transaction in which the chunk collection's own
/// upsert and delete and the catalog rows commit together, so readers see a document's old version or its
/// new one, never a mix.
/// </summary>
public interface IIndexCatalog
{
    /// <summary>Where the index lives, for messages: a database file, or a server's host and database (never a password).</summary>
    string Location { get; }

    /// <summary>
    /// Creates the schema if missing and records <paramref name="model"/> on first use.
    /// Throws <see cref="IndexMismatchException"/> when the index was built by another model, dimension or analyzer.
    /// </summary>
    Task InitializeAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>Drops every document, chunk and vector, then initializes for <paramref name="model"/>.</summary>
    Task ResetAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>The model recorded in the index, or null when there is no index yet.</summary>
    Task<EmbeddingModelInfo?> GetEmbeddingModelAsync(CancellationToken cancellationToken = default);

    /// <summary>The corpus the index was built from (<see cref="Configuration.CorpusIdentity.KeyOf"/>), or null when none is recorded.</summary>
    Task<string?> GetCorpusAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the corpus the index is built from; the index must be initialized.</summary>
    Task SetCorpusAsync(string corpus, CancellationToken cancellationToken = default);

    /// <summary>The catalog value (content hash, chunker signature, file stamp) of every indexed document, by document id.</summary>
    Task<IReadOnlyDictionary<string, string>> GetDocumentHashesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewrites the stored catalog value of documents whose chunks stay as they are (a touched file with the
    /// same bytes gets its new file stamp), in one transaction. Ids not in the catalog are ignored.
    /// Returns how many catalog rows were updated.
    /// </summary>
    Task<int> UpdateDocumentHashesAsync(IReadOnlyDictionary<string, string> hashes, CancellationToken cancellationToken = default);

    /// <summary>A document with its full text, or null when it is not indexed.</summary>
    Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens one write transaction (the index must be initialized): its <see cref="IIndexWriteBatch.Chunks"/>
    /// collection and its catalog writes commit together on <see cref="IIndexWriteBatch.CommitAsync"/>, or not at all.
    /// </summary>
    Task<IIndexWriteBatch> BeginWriteAsync(CancellationToken cancellationToken = default);
}
