using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>Hybrid retrieval: vector KNN and BM25 candidates fused by reciprocal-rank fusion.</summary>
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

    /// <summary>The k constant of reciprocal-rank fusion (1 / (k + rank)).</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 10;

    /// <summary>Weight of the vector list in the fusion (w / (k + rank)).</summary>
    [Range(0.0, 10.0)]
    public double VectorWeight { get; set; } = 1.0;

    /// <summary>Weight of the keyword (BM25) list in the fusion.</summary>
    [Range(0.0, 10.0)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>Vector hits with a cosine similarity below this are dropped before fusion.</summary>
    [Range(-1.0, 1.0)]
    public double MinVectorSimilarity { get; set; } = 0.0;
}
