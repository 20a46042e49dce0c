namespace QaBot.Core.Configuration;

/// <summary>How <see cref="Retrieval.HybridRetriever"/> merges its vector list and its keyword (BM25) list.</summary>
public enum FusionMethod
{
    /// <summary>
    /// A weighted sum of each list's scores after scaling them per query (see
    /// <see cref="Retrieval.ConvexScoreFusion"/>). The default: unlike reciprocal ranks it keeps how far
    /// apart the scores are, so a list that cannot tell its candidates apart barely reorders the other.
    /// </summary>
    Convex,

    /// <summary>Reciprocal-rank fusion (see <see cref="Retrieval.ReciprocalRankFusion"/>): only the ranks count.</summary>
    Rrf,
}
