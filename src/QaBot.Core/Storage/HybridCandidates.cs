using Microsoft.Extensions.VectorData;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Storage;

/// <summary>The two candidate lists of hybrid retrieval and the statistics of the query's terms, read from one snapshot of the index.</summary>
/// <param name="Nearest">Nearest chunks by cosine similarity (score = similarity), nearest first.</param>
/// <param name="Keywords">BM25 matches (score = −bm25), best first.</param>
/// <param name="Statistics">Chunk frequencies of the analyzed terms asked for, over the same snapshot.</param>
public sealed record HybridCandidates(
    IReadOnlyList<VectorSearchResult<ChunkRecord>> Nearest,
    IReadOnlyList<KeywordSearchResult> Keywords,
    TermStatistics Statistics);
