namespace QaBot.Core.Answering;

/// <summary>
/// One step of a streamed answer: text as it is generated (<see cref="TextDelta"/>), then exactly one
/// final update carrying the complete, citation-checked <see cref="Final"/> answer.
/// </summary>
public sealed record AnswerUpdate(string? TextDelta, Answer? Final)
{
    public static AnswerUpdate Delta(string text) => new(text, null);

    public static AnswerUpdate Completed(Answer answer) => new(null, answer);
}
