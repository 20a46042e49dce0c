using System.Linq.Expressions;

namespace QaBot.Core.Storage;

/// <summary>
/// What hybrid retrieval reads from the chunk collection beside the VectorData search: both candidate
/// lists and the statistics of the question's terms, from ONE snapshot of the index, so a re-index
/// committing meanwhile can never put a document's old chunks in one list and its new chunks in the other.
/// Every engine implements it on its chunk collection.
/// </summary>
public interface IHybridCandidateSource
{
    /// <summary>
    /// The nearest chunks to <paramref name="vector"/> (none when it is null), the BM25 matches of
    /// <paramref name="keywordQuery"/> (its analyzed words and adjacent word pairs, <see cref="KeywordQuery"/>;
    /// none when it has no words) and the chunk count and chunk frequency of each of
    /// <paramref name="statisticsTerms"/> (analyzed terms), all read in one snapshot. A
    /// <paramref name="filter"/> restricts both lists (and not the statistics) to the chunks it selects.
    /// </summary>
    Task<HybridCandidates> SearchCandidatesAsync(
        ReadOnlyMemory<float>? vector,
        int vectorTop,
        string keywordQuery,
        int keywordTop,
        IReadOnlyCollection<string>? statisticsTerms = null,
        Expression<Func<ChunkRecord, bool>>? filter = null,
        CancellationToken cancellationToken = default);
}
