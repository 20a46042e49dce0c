namespace QaBot.Core.Storage;

/// <summary>Reciprocal-rank fusion: score(d) = Σ over lists of 1 / (k + rank of d in that list), ranks 1-based.</summary>
internal static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public static IReadOnlyList<(TKey Key, double Score)> Fuse<TKey>(IEnumerable<IReadOnlyList<TKey>> rankedLists, int k = DefaultK)
        where TKey : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var scores = new Dictionary<TKey, double>();
        var firstSeen = new Dictionary<TKey, int>();
        foreach (var list in rankedLists)
        {
            for (var i = 0; i < list.Count; i++)
            {
                scores[list[i]] = scores.GetValueOrDefault(list[i]) + (1.0 / (k + i + 1));
                firstSeen.TryAdd(list[i], firstSeen.Count);
            }
        }

        return scores
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => firstSeen[pair.Key])
            .Select(pair => (pair.Key, pair.Value))
            .ToList();
    }
}
