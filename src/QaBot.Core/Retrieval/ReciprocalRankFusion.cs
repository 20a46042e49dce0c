namespace QaBot.Core.Retrieval;

/// <summary>
/// Reciprocal-rank fusion of a vector list and a keyword list: score = Σ w / (k + rank), ranks 1-based,
/// w the list's weight (1 and 1 is plain RRF). Ties go to the item with the better single rank, then to
/// the key, so the order is deterministic.
/// </summary>
public static class ReciprocalRankFusion
{
    public static IReadOnlyList<FusedHit<T>> Fuse<T>(
        IReadOnlyList<RankedHit<T>> vectorHits,
        IReadOnlyList<RankedHit<T>> keywordHits,
        int k,
        int top,
        double vectorWeight = 1.0,
        double keywordWeight = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegative(vectorWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(keywordWeight);
        ArgumentNullException.ThrowIfNull(vectorHits);
        ArgumentNullException.ThrowIfNull(keywordHits);
        return FusionCandidates.Top(
            FusionCandidates.Merge(vectorHits, keywordHits).Select(h => h with
            {
                Score = (h.VectorRank is { } v ? vectorWeight / (k + v) : 0) + (h.KeywordRank is { } w ? keywordWeight / (k + w) : 0),
            }),
            top);
    }
}
