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
        var fused = new Dictionary<string, FusedHit<T>>(StringComparer.Ordinal);
        for (var i = 0; i < vectorHits.Count; i++)
        {
            var hit = vectorHits[i];
            if (!fused.ContainsKey(hit.Key))
            {
                fused[hit.Key] = new FusedHit<T>(hit.Key, hit.Item, vectorWeight / (k + i + 1), i + 1, hit.Score, null, null);
            }
        }

        for (var i = 0; i < keywordHits.Count; i++)
        {
            var hit = keywordHits[i];
            var contribution = keywordWeight / (k + i + 1);
            if (fused.TryGetValue(hit.Key, out var existing))
            {
                if (existing.KeywordRank is null)
                {
                    fused[hit.Key] = existing with { Score = existing.Score + contribution, KeywordRank = i + 1, KeywordScore = hit.Score };
                }
            }
            else
            {
                fused[hit.Key] = new FusedHit<T>(hit.Key, hit.Item, contribution, null, null, i + 1, hit.Score);
            }
        }

        return fused.Values
            .OrderByDescending(h => h.Score)
            .ThenBy(h => Math.Min(h.VectorRank ?? int.MaxValue, h.KeywordRank ?? int.MaxValue))
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }
}
