using QaBot.Core.Ingestion;

namespace QaBot.Core.Retrieval;

/// <summary>
/// A chunk returned by retrieval with its fused score and where it ranked in each list
/// (1-based; null when that list did not return it).
/// </summary>
public sealed record RetrievedChunk(
    TextChunk Chunk,
    double Score,
    int? VectorRank,
    double? VectorSimilarity,
    int? KeywordRank,
    double? KeywordScore);
