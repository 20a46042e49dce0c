using System.Linq.Expressions;
using QaBot.Core.Storage;

namespace QaBot.Core.Retrieval;

/// <summary>Finds the chunks most relevant to a (standalone) query.</summary>
public interface IRetriever
{
    /// <summary>
    /// The <paramref name="topK"/> passages most relevant to <paramref name="query"/> (the configured
    /// number when null) and the statistics of the query's analyzed content terms, from one snapshot;
    /// with a <paramref name="filter"/> (a VectorData filter, such as <see cref="PublishedDateRange.ToFilter"/>)
    /// only chunks it keeps are candidates.
    /// </summary>
    Task<RetrievalResult> RetrieveAsync(
        string query, int? topK = null, Expression<Func<ChunkRecord, bool>>? filter = null, CancellationToken cancellationToken = default);
}
