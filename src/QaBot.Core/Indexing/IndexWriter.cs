using Microsoft.Extensions.VectorData;
using QaBot.Core.Storage;

namespace QaBot.Core.Indexing;

/// <summary>
/// How the indexer changes the index, on any engine: in one write batch of the catalog, a document's old
/// chunks are found and deleted and its new ones upserted through the chunk collection itself, and its
/// catalog row (with the content hash) is written last, all committing together.
/// </summary>
public static class IndexWriter
{
    /// <summary>Document ids per lookup of their existing chunks (one <c>IN (…)</c> filter each).</summary>
    private const int IdsPerLookup = 500;

    /// <summary>
    /// Replaces each document in one transaction for the whole list: its old chunks are deleted, the new
    /// ones upserted, and its catalog row written. Returns how many old chunks were removed.
    /// </summary>
    public static async Task<int> ReplaceDocumentsAsync(IIndexCatalog catalog, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return 0;
        }

        foreach (var item in documents)
        {
            foreach (var chunk in item.Chunks)
            {
                if (!string.Equals(chunk.DocumentId, item.Document.Id, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Chunk '{chunk.ChunkId}' belongs to '{chunk.DocumentId}', not to document '{item.Document.Id}'.", nameof(documents));
                }
            }
        }

        await using var batch = await catalog.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var old = await ChunkIdsOfAsync(batch.Chunks, documents.Select(d => d.Document.Id).ToList(), cancellationToken).ConfigureAwait(false);
        await batch.Chunks.DeleteAsync(old, cancellationToken).ConfigureAwait(false);
        await batch.Chunks.UpsertAsync(documents.SelectMany(d => d.Chunks), cancellationToken).ConfigureAwait(false);

        // The catalog rows, with the content hashes, go last: a document counts as indexed only once its
        // chunks are in (and all of it commits together anyway).
        foreach (var item in documents)
        {
            await batch.PutDocumentAsync(item.Document, cancellationToken).ConfigureAwait(false);
        }

        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        return old.Count;
    }

    /// <summary>Deletes documents and their chunks in one transaction; returns how many documents were in the catalog.</summary>
    public static async Task<int> DeleteDocumentsAsync(IIndexCatalog catalog, IEnumerable<string> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(documentIds);
        var ids = documentIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var batch = await catalog.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var chunks = await ChunkIdsOfAsync(batch.Chunks, ids, cancellationToken).ConfigureAwait(false);
        await batch.Chunks.DeleteAsync(chunks, cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var id in ids)
        {
            removed += await batch.RemoveDocumentAsync(id, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>The ids of every chunk the documents have, read through the collection's filter (inside the batch).</summary>
    private static async Task<List<string>> ChunkIdsOfAsync(
        VectorStoreCollection<string, ChunkRecord> chunks, IReadOnlyList<string> documentIds, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var slice in documentIds.Chunk(IdsPerLookup))
        {
            var wanted = slice.ToList();
            await foreach (var record in chunks.GetAsync(r => wanted.Contains(r.DocumentId), int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                ids.Add(record.ChunkId);
            }
        }

        return ids;
    }
}
