namespace QaBot.Core.Answering;

/// <summary>Turns a follow-up ("What did he say about energy?") into a query that stands on its own.</summary>
public interface IQueryRewriter
{
    Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default);
}
