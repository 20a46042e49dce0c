namespace QaBot.Bot.Turns;

/// <summary>
/// What a reply needs beyond the answer: QaBot's id for it (feedback refers to it), the cited passages
/// located in their articles, and example questions to offer when the answer suggests no follow-up.
/// </summary>
public sealed record AnswerReplyContext(string AnswerId, IReadOnlyList<CitedPassage> Passages, IReadOnlyList<string> ExampleQuestions);
