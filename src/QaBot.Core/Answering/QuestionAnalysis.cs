namespace QaBot.Core.Answering;

/// <summary>
/// A question taken apart for extractive answering: the content terms an answer sentence must
/// cover, the expected answer type, the words that name that type ("which <c>city</c>"), an acronym
/// to expand, a quoted phrase, and context terms carried over from earlier turns.
/// </summary>
public sealed record QuestionAnalysis(
    IReadOnlyList<string> RequiredStems,
    IReadOnlyList<string> ContextStems,
    AnswerType AnswerType,
    IReadOnlyList<string> TypeWords,
    string? Acronym,
    string? QuotedPhrase)
{
    /// <summary>The question asks what someone said ("what did X say about …", "how did X describe …").</summary>
    public bool AsksForStatement { get; init; }

    /// <summary>
    /// Stems of the question's names and numbers ("Japan", "2024"): a sentence gets credit for them only
    /// when it, or its article's title or date, contains them — not from a neighbouring sentence.
    /// </summary>
    public IReadOnlyList<string> KeyStems { get; init; } = [];
}
