using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>
/// What a composer gets: the user's question, its standalone form, the retrieved passages and the
/// statistics of the query's terms read with them.
/// </summary>
public sealed record AnswerRequest(
    string Question,
    string StandaloneQuery,
    IReadOnlyList<ConversationTurn> History,
    IReadOnlyList<RetrievedChunk> Passages)
{
    /// <summary>Chunk frequencies of the standalone query's analyzed content terms, from the retrieval's snapshot.</summary>
    public TermStatistics Statistics { get; init; } = TermStatistics.Empty;
}
