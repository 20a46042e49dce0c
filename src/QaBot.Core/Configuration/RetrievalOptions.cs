using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>Hybrid retrieval: vector KNN and BM25 candidates, fused into one list.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "QaBot:Retrieval";

    /// <summary>Number of fused chunks handed to the answer composer.</summary>
    [Range(1, 100)]
    public int TopK { get; set; } = 10;

    /// <summary>Candidates taken from the vector index before fusion.</summary>
    [Range(1, 1000)]
    public int VectorCandidates { get; set; } = 40;

    /// <summary>Candidates taken from the keyword (BM25) index before fusion.</summary>
    [Range(1, 1000)]
    public int KeywordCandidates { get; set; } = 40;

    /// <summary>
    /// How the two lists are merged: <see cref="FusionMethod.Convex"/> (the default; weighted sum of per-query
    /// scaled scores) or <see cref="FusionMethod.Rrf"/> (reciprocal ranks). On known-item search over
    /// Reuters-21578 reciprocal ranks let the vector list's near-equal neighbours push articles BM25 ranked
    /// clearly first out of the top 10; scaled scores keep them (README, "How retrieval fuses the two lists").
    /// </summary>
    [EnumDataType(typeof(FusionMethod))]
    public FusionMethod Fusion { get; set; } = FusionMethod.Convex;

    /// <summary>The k constant of reciprocal-rank fusion (1 / (k + rank)); used only when <see cref="Fusion"/> is Rrf.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 10;

    /// <summary>
    /// Weight of the vector list in either fusion (w · scaled score, or w / (k + rank)). Only the ratio to
    /// <see cref="KeywordWeight"/> changes the order.
    /// </summary>
    [Range(0.0, 10.0)]
    public double VectorWeight { get; set; } = 1.0;

    /// <summary>Weight of the keyword (BM25) list in either fusion.</summary>
    [Range(0.0, 10.0)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>
    /// Vector hits with a cosine similarity below this are dropped before fusion. Convex fusion also takes it
    /// as the similarity that means "no evidence" (scaled to 0), so a hit at the cut-off counts the same as
    /// one the vector list did not return.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinVectorSimilarity { get; set; } = 0.0;
}
