using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>Returns the same passages for every query and remembers the queries it was asked.</summary>
public sealed class FixedRetriever(IReadOnlyList<RetrievedChunk> passages) : IRetriever
{
    private readonly List<string> queries = [];

    public IReadOnlyList<string> Queries => queries;

    public Task<RetrievalResult> RetrieveAsync(string query, int? topK = null, CancellationToken cancellationToken = default)
    {
        queries.Add(query);
        return Task.FromResult(new RetrievalResult(passages, FixedTermStatistics.For([.. passages.Select(p => p.Chunk.Text)])));
    }
}
