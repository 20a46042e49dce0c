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

    /// <summary>
    /// The composer's estimate (0–1) that the articles answer the question, or null when the composer
    /// gives none (an LLM, or a refusal before any search).
    /// </summary>
    public double? Confidence { get; init; }

    /// <summary>
    /// True when the answer rests on weak evidence: the confidence lies between the decline and the
    /// answer thresholds, so the reply says the articles only partly cover the question.
    /// </summary>
    public bool Partial { get; init; }

    /// <summary>The publication dates the question asked about, to which retrieval kept (null when it named none).</summary>
    public PublishedDateRange? Dates { get; init; }
}
