namespace QaBot.Core.Retrieval;

/// <summary>
/// What one retrieval read from one snapshot of the index: the fused passages, best first, and the
/// statistics (chunk frequencies) of the query's analyzed terms, which the answer step weighs words by.
/// </summary>
public sealed record RetrievalResult(IReadOnlyList<RetrievedChunk> Passages, TermStatistics Statistics)
{
    public static RetrievalResult Empty { get; } = new([], TermStatistics.Empty);
}
