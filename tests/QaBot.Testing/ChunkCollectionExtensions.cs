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
}
