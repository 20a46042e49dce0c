using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>
/// What the answering service returns for one question. When <see cref="Declined"/> is true the text
/// says plainly that the articles do not hold the answer and <see cref="Citations"/> is empty.
/// </summary>
public sealed record Answer(
    string Question,
    string StandaloneQuery,
    string Text,
    bool Declined,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<RetrievedChunk> Retrieved,
    string Composer,
    TimeSpan Elapsed)
{
    /// <summary>Follow-up questions a user might ask next (may be empty).</summary>
    public IReadOnlyList<string> SuggestedQuestions { get; init; } = [];
}
