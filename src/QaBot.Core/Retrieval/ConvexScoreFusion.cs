namespace QaBot.Core.Retrieval;

/// <summary>
/// Convex combination of a vector list and a keyword list (Bruch, Gai and Ingber 2022, "An Analysis of
/// Fusion Functions for Hybrid Retrieval"): score = wv · s(vector) + wk · s(keyword), where each list's
/// scores are scaled per query by s(x) = (x − floor) / (best − floor) — the list's best score becomes 1
/// and the score meaning "no evidence" 0 (their "theoretical min-max" scaling). Only the ratio of the
/// weights matters: it is the convex combination α · s(vector) + (1 − α) · s(keyword) with α = wv / (wv + wk).
/// </summary>
/// <remarks>
/// Reciprocal-rank fusion throws the scores away: rank 1 beats rank 10 by the same margin whether the list
/// found one clear match or forty near-equal ones. Scaled scores keep that margin. A title query gives
/// BM25 a wide spread (the matching article far above the rest) while the cosine similarities of the GloVe
/// vectors sit close together, so the vector list reorders near-ties of the keyword list instead of
/// overruling it, and the other way round when the query's words are rare or missing.
/// An item missing from one list is scored as <see cref="ScoredList{T}.CutOff"/> says: the list's lowest
/// returned score when the list was cut off, the floor when it was complete. Ties go to the item with the
/// better single rank, then to the key, so the order is deterministic.
/// </remarks>
public static class ConvexScoreFusion
{
    public static IReadOnlyList<FusedHit<T>> Fuse<T>(
        ScoredList<T> vector,
        ScoredList<T> keyword,
        int top,
        double vectorWeight = 1.0,
        double keywordWeight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(keyword);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfNegative(vectorWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(keywordWeight);
        var vectorScale = Scale.Of(vector);
        var keywordScale = Scale.Of(keyword);

        return FusionCandidates.Top(
            FusionCandidates.Merge(vector.Hits, keyword.Hits).Select(h => h with
            {
                Score = (vectorWeight * (h.VectorScore is { } v ? vectorScale.Of(v) : vectorScale.Missing))
                    + (keywordWeight * (h.KeywordScore is { } k ? keywordScale.Of(k) : keywordScale.Missing)),
            }),
            top);
    }

    /// <summary>One list's per-query scaling, and the scaled score of an item the list lacks.</summary>
    private readonly record struct Scale(double Floor, double Range, double Missing)
    {
        public static Scale Of<T>(ScoredList<T> list)
        {
            if (list.Hits.Count == 0)
            {
                return new Scale(list.Floor, 0, 0);
            }

            var best = list.Hits.Max(h => h.Score);
            var lowest = list.Hits.Min(h => h.Score);

            // All returned scores at (or below) the floor: the list carries no evidence, every item scales to 0.
            var scale = new Scale(list.Floor, best > list.Floor ? best - list.Floor : 0, 0);
            return list.CutOff ? scale with { Missing = scale.Of(lowest) } : scale;
        }

        public double Of(double score) => Range > 0 ? Math.Clamp((score - Floor) / Range, 0, 1) : 0;
    }
}
