namespace QaBot.Core.Answering;

/// <summary>
/// The channel-free heart of QaBot: rewrites a follow-up into a standalone query using the earlier
/// turns, retrieves passages and composes a cited answer (or declines). The CLI, the bot and the
/// evaluator all call this.
/// </summary>
public interface IAnsweringService
{
    Task<Answer> AskAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default);

    IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default);
}
