namespace QaBot.Core.Retrieval;

/// <summary>An item after fusion, with its fused score and its rank and score in each input list (null when absent).</summary>
public sealed record FusedHit<T>(string Key, T Item, double Score, int? VectorRank, double? VectorScore, int? KeywordRank, double? KeywordScore);
