using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>What a composer gets: the user's question, its standalone form and the retrieved passages.</summary>
public sealed record AnswerRequest(
    string Question,
    string StandaloneQuery,
    IReadOnlyList<ConversationTurn> History,
    IReadOnlyList<RetrievedChunk> Passages);
