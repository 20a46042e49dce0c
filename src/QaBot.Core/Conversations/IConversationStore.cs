using QaBot.Core.Answering;

namespace QaBot.Core.Conversations;

/// <summary>
/// The earlier turns of each conversation, so follow-up questions can be understood. Channel-free: the
/// key is whatever identifies a conversation to the caller (the bot uses channel id + conversation id).
/// History is bounded per conversation and survives a restart.
/// </summary>
public interface IConversationStore
{
    /// <summary>The last <paramref name="maxTurns"/> turns of the conversation, oldest first.</summary>
    Task<IReadOnlyList<ConversationTurn>> GetRecentTurnsAsync(string conversationKey, int maxTurns, CancellationToken cancellationToken = default);

    /// <summary>Appends turns (oldest first) and drops the oldest beyond the configured bound.</summary>
    Task AppendTurnsAsync(string conversationKey, IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken = default);
}
