using QaBot.Core.Answering;

namespace QaBot.Core.Conversations;

/// <summary>
/// The earlier turns of each conversation, so follow-up questions can be understood, and the answers
/// given with the feedback users left on them. Channel-free: the key is whatever identifies a
/// conversation to the caller (the bot uses channel id + conversation id). History is bounded per
/// conversation and survives a restart; answers with feedback are kept.
/// </summary>
public interface IConversationStore
{
    /// <summary>The last <paramref name="maxTurns"/> turns of the conversation, oldest first.</summary>
    Task<IReadOnlyList<ConversationTurn>> GetRecentTurnsAsync(string conversationKey, int maxTurns, CancellationToken cancellationToken = default);

    /// <summary>Appends turns (oldest first) and drops the oldest beyond the configured bound.</summary>
    Task AppendTurnsAsync(string conversationKey, IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps an answer so feedback can refer to it. Answers without feedback beyond the conversation's
    /// bound are dropped, oldest first.
    /// </summary>
    Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the user's reaction to an answer of the conversation, found by its answer id or its reply
    /// id (a later reaction replaces an earlier one). A <paramref name="comment"/> replaces the stored
    /// one; null keeps it. Returns the feedback as stored, or null when the conversation has no such answer.
    /// </summary>
    Task<AnswerFeedback?> SaveFeedbackAsync(string conversationKey, string answerOrReplyId, FeedbackReaction? reaction, string? comment, CancellationToken cancellationToken = default);

    /// <summary>Every stored feedback, oldest first.</summary>
    Task<IReadOnlyList<AnswerFeedback>> GetFeedbackAsync(CancellationToken cancellationToken = default);
}
