using Microsoft.Extensions.VectorData;

namespace QaBot.Core.Storage;

/// <summary>The two candidate lists of hybrid retrieval, read from one snapshot of the index.</summary>
/// <param name="Nearest">Nearest chunks by cosine similarity (score = similarity), nearest first.</param>
/// <param name="Keywords">BM25 matches (score = −bm25), best first.</param>
public sealed record HybridCandidates(
    IReadOnlyList<VectorSearchResult<ChunkRecord>> Nearest,
    IReadOnlyList<KeywordSearchResult> Keywords);
