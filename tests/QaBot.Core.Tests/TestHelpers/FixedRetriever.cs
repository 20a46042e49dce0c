using System.Linq.Expressions;
using QaBot.Core.Retrieval;
using QaBot.Core.Storage;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>Returns the same passages for every query and remembers the queries and filters it was asked.</summary>
public sealed class FixedRetriever(IReadOnlyList<RetrievedChunk> passages) : IRetriever
{
    private readonly List<string> queries = [];
    private readonly List<Expression<Func<ChunkRecord, bool>>?> filters = [];

    public IReadOnlyList<string> Queries => queries;

    public IReadOnlyList<Expression<Func<ChunkRecord, bool>>?> Filters => filters;

    public Task<RetrievalResult> RetrieveAsync(
        string query, int? topK = null, Expression<Func<ChunkRecord, bool>>? filter = null, CancellationToken cancellationToken = default)
    {
        queries.Add(query);
        filters.Add(filter);
        return Task.FromResult(new RetrievalResult(passages, FixedTermStatistics.For([.. passages.Select(p => p.Chunk.Text)])));
    }
}
