using System.Globalization;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Cli.Bench;

/// <summary>
/// A fusion setting re-applied to the candidates one retrieval returned (each carries its vector and keyword
/// rank and score) through <see cref="HybridRetriever.Fuse{T}"/>, the retriever's own fusion. Lets the
/// benchmark show how recall moves with the method, the weights and k without re-running the queries.
/// </summary>
/// <param name="K">The RRF constant; ignored by convex fusion.</param>
internal sealed record FusionVariant(FusionMethod Method, double VectorWeight, double KeywordWeight, int K = 10)
{
    /// <summary>RRF at the literature's k = 60 and at the former defaults, then convex fusion at four vector:keyword ratios.</summary>
    public static readonly IReadOnlyList<FusionVariant> Sweep =
    [
        Rrf(60, 1, 1), Rrf(10, 1, 1), Rrf(10, 0.5, 1),
        Convex(1, 1), Convex(0.5, 1), Convex(0.25, 1), Convex(2, 1),
    ];

    public string Name => Method == FusionMethod.Rrf
        ? string.Create(CultureInfo.InvariantCulture, $"rrf k={K} vector×{VectorWeight} keyword×{KeywordWeight}")
        : string.Create(CultureInfo.InvariantCulture, $"convex vector×{VectorWeight} keyword×{KeywordWeight}");

    public static FusionVariant Rrf(int k, double vectorWeight, double keywordWeight) => new(FusionMethod.Rrf, vectorWeight, keywordWeight, k);

    public static FusionVariant Convex(double vectorWeight, double keywordWeight) => new(FusionMethod.Convex, vectorWeight, keywordWeight);

    /// <summary>
    /// The candidates in this variant's fused order. <paramref name="candidates"/> must hold both lists whole
    /// (ranks 1 to n in each), as a retrieval asked for VectorCandidates + KeywordCandidates returns them;
    /// <paramref name="retrieval"/> supplies what the variant does not set (the candidate limits and the
    /// similarity cut-off the lists were read with).
    /// </summary>
    public IReadOnlyList<RetrievedChunk> Order(IReadOnlyList<RetrievedChunk> candidates, RetrievalOptions retrieval)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(retrieval);
        var settings = new RetrievalOptions
        {
            VectorCandidates = retrieval.VectorCandidates,
            KeywordCandidates = retrieval.KeywordCandidates,
            MinVectorSimilarity = retrieval.MinVectorSimilarity,
            Fusion = Method,
            RrfK = K,
            VectorWeight = VectorWeight,
            KeywordWeight = KeywordWeight,
        };
        var vector = VectorList(candidates).Select(c => new RankedHit<RetrievedChunk>(c.Chunk.ChunkId, c, c.VectorSimilarity ?? 0)).ToList();
        var keyword = KeywordList(candidates).Select(c => new RankedHit<RetrievedChunk>(c.Chunk.ChunkId, c, c.KeywordScore ?? 0)).ToList();
        RequireWhole(vector, c => c.VectorRank, nameof(candidates));
        RequireWhole(keyword, c => c.KeywordRank, nameof(candidates));
        return HybridRetriever.Fuse(vector, keyword, candidates.Count, settings).Select(h => h.Item).ToList();
    }

    /// <summary>The vector list a retrieval's candidates came from, in its rank order.</summary>
    public static IEnumerable<RetrievedChunk> VectorList(IEnumerable<RetrievedChunk> candidates) =>
        candidates.Where(c => c.VectorRank is not null).OrderBy(c => c.VectorRank);

    /// <summary>The keyword (BM25) list a retrieval's candidates came from, in its rank order.</summary>
    public static IEnumerable<RetrievedChunk> KeywordList(IEnumerable<RetrievedChunk> candidates) =>
        candidates.Where(c => c.KeywordRank is not null).OrderBy(c => c.KeywordRank);

    // The rebuilt lists rank by position; a gap (a candidate the retrieval did not return) would shift every
    // rank after it and the variant would be measured on other lists than the retriever fused.
    private static void RequireWhole(List<RankedHit<RetrievedChunk>> list, Func<RetrievedChunk, int?> rank, string parameter)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (rank(list[i].Item) != i + 1)
            {
                throw new ArgumentException($"Rank {i + 1} of a candidate list is missing; pass every candidate of both lists.", parameter);
            }
        }
    }
}
