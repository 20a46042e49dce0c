using Microsoft.Extensions.VectorData;
using QaBot.Core.Storage;

namespace QaBot.Testing;

/// <summary>Short ways for tests to read a chunk collection through the port.</summary>
public static class ChunkCollectionExtensions
{
    /// <summary>The BM25 list of a hybrid read without a vector, best first.</summary>
    public static async Task<IReadOnlyList<KeywordSearchResult>> KeywordSearchAsync(this VectorStoreCollection<string, ChunkRecord> collection, string query, int top) =>
        (await ((IHybridCandidateSource)collection).SearchCandidatesAsync(null, 1, query, top)).Keywords;

    /// <summary>A document's chunks in ordinal order.</summary>
    public static async Task<List<ChunkRecord>> DocumentChunksAsync(this VectorStoreCollection<string, ChunkRecord> collection, string documentId) =>
        await collection.GetAsync(r => r.DocumentId == documentId, 10_000).ToListAsync();

    /// <summary>Every chunk as "id|offsets|text|vector", in document and ordinal order: equal lists mean equal indexes.</summary>
    public static async Task<List<string>> FingerprintsAsync(this VectorStoreCollection<string, ChunkRecord> collection)
    {
        var chunks = await collection.GetAsync(r => r.ChunkId != "", 100_000, new() { IncludeVectors = true }).ToListAsync();
        return chunks.Select(c => $"{c.ChunkId}|{c.StartOffset}-{c.EndOffset}|{c.Text}|{string.Join(',', c.Embedding.ToArray())}").ToList();
    }
}
