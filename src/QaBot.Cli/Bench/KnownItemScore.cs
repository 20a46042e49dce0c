namespace QaBot.Cli.Bench;

/// <summary>
/// Known-item search quality: the share of queries whose article came back in the top
/// <see cref="Cutoff"/> (recall@k) and the mean reciprocal rank (0 when the article is not in the top k).
/// </summary>
internal sealed record KnownItemScore(int Queries, int Found, int Cutoff, double RecallAtK, double Mrr)
{
    /// <summary>Scores 1-based ranks of the wanted article (null = not returned).</summary>
    public static KnownItemScore From(IReadOnlyCollection<int?> ranks, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cutoff);
        if (ranks.Count == 0)
        {
            return new KnownItemScore(0, 0, cutoff, 0, 0);
        }

        var found = ranks.Count(r => r is { } rank && rank <= cutoff);
        var reciprocal = ranks.Sum(r => r is { } rank && rank <= cutoff ? 1.0 / rank : 0.0);
        return new KnownItemScore(ranks.Count, found, cutoff, Math.Round((double)found / ranks.Count, 4), Math.Round(reciprocal / ranks.Count, 4));
    }

    /// <summary>
    /// 1-based rank of <paramref name="wanted"/> among the distinct documents of a ranked chunk list
    /// (a document counts once, at its best chunk), or null when it is not among the first <paramref name="cutoff"/>.
    /// </summary>
    public static int? RankOf(IEnumerable<string> documentIdsInRankOrder, string wanted, int cutoff) =>
        RankOf(documentIdsInRankOrder, new HashSet<string>(StringComparer.Ordinal) { wanted }, cutoff);

    /// <summary>
    /// 1-based rank of the first of the <paramref name="relevant"/> documents among the distinct documents
    /// of a ranked chunk list, or null when none is among the first <paramref name="cutoff"/>.
    /// </summary>
    public static int? RankOf(IEnumerable<string> documentIdsInRankOrder, IReadOnlySet<string> relevant, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(documentIdsInRankOrder);
        ArgumentNullException.ThrowIfNull(relevant);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in documentIdsInRankOrder)
        {
            if (!seen.Add(id))
            {
                continue;
            }

            if (relevant.Contains(id))
            {
                return seen.Count;
            }

            if (seen.Count >= cutoff)
            {
                return null;
            }
        }

        return null;
    }
}
