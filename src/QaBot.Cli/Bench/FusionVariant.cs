using System.Globalization;
using QaBot.Core.Retrieval;

namespace QaBot.Cli.Bench;

/// <summary>
/// A reciprocal-rank-fusion setting re-applied to the candidates one retrieval returned (each carries its
/// vector and keyword rank): score = wv / (k + vector rank) + wk / (k + keyword rank). Lets the benchmark
/// show how recall moves with k and the list weights without re-running the queries.
/// </summary>
internal sealed record FusionVariant(int K, double VectorWeight, double KeywordWeight)
{
    public static readonly IReadOnlyList<FusionVariant> Sweep =
    [
        new(60, 1, 1), new(20, 1, 1), new(10, 1, 1), new(60, 1, 2), new(10, 1, 2), new(10, 0.5, 1),
    ];

    public string Name => string.Create(CultureInfo.InvariantCulture, $"rrf k={K} vector×{VectorWeight} keyword×{KeywordWeight}");

    /// <summary>The candidates in fused order (ties: better single rank, then chunk id).</summary>
    public IReadOnlyList<RetrievedChunk> Order(IReadOnlyList<RetrievedChunk> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates
            .OrderByDescending(Score)
            .ThenBy(c => Math.Min(c.VectorRank ?? int.MaxValue, c.KeywordRank ?? int.MaxValue))
            .ThenBy(c => c.Chunk.ChunkId, StringComparer.Ordinal)
            .ToList();
    }

    public double Score(RetrievedChunk candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return (candidate.VectorRank is { } v ? VectorWeight / (K + v) : 0)
            + (candidate.KeywordRank is { } w ? KeywordWeight / (K + w) : 0);
    }
}
