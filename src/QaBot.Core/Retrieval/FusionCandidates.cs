namespace QaBot.Core.Retrieval;

/// <summary>
/// What both fusion methods share: the union of the two candidate lists, each item once with its rank and
/// score in each list (the first occurrence when a list repeats a key), and the final order.
/// </summary>
internal static class FusionCandidates
{
    /// <summary>Every item of either list, unscored, with its 1-based ranks and scores.</summary>
    public static IReadOnlyCollection<FusedHit<T>> Merge<T>(IReadOnlyList<RankedHit<T>> vectorHits, IReadOnlyList<RankedHit<T>> keywordHits)
    {
        var merged = new Dictionary<string, FusedHit<T>>(StringComparer.Ordinal);
        for (var i = 0; i < vectorHits.Count; i++)
        {
            var hit = vectorHits[i];
            merged.TryAdd(hit.Key, new FusedHit<T>(hit.Key, hit.Item, 0, i + 1, hit.Score, null, null));
        }

        for (var i = 0; i < keywordHits.Count; i++)
        {
            var hit = keywordHits[i];
            if (!merged.TryGetValue(hit.Key, out var existing))
            {
                merged[hit.Key] = new FusedHit<T>(hit.Key, hit.Item, 0, null, null, i + 1, hit.Score);
            }
            else if (existing.KeywordRank is null)
            {
                merged[hit.Key] = existing with { KeywordRank = i + 1, KeywordScore = hit.Score };
            }
        }

        return merged.Values;
    }

    /// <summary>
    /// The <paramref name="top"/> best by fused score; ties go to the item with the better single rank, then
    /// to the key, so the order is deterministic.
    /// </summary>
    public static IReadOnlyList<FusedHit<T>> Top<T>(IEnumerable<FusedHit<T>> scored, int top) =>
        scored
            .OrderByDescending(h => h.Score)
            .ThenBy(h => Math.Min(h.VectorRank ?? int.MaxValue, h.KeywordRank ?? int.MaxValue))
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .Take(top)
            .ToList();
}
