using QaBot.Bot.Channel;

namespace QaBot.Bot.Turns;

/// <summary>
/// The conversation store key of an activity: channel and conversation id, so channels never share history
/// — and, in a group conversation (a Teams group chat or channel, any conversation marked <c>isGroup</c>),
/// the sender too, so one member's follow-up is never read in the light of another member's question.
/// </summary>
public static class ConversationKey
{
    public static string For(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        var key = $"{activity.ChannelId ?? "unknown"}|{conversationId}";
        return IsGroup(activity.Conversation) ? $"{key}|{activity.From?.Id ?? "unknown"}" : key;
    }

    /// <summary>
    /// The key of the conversation as a whole (channel and conversation id, never the sender): answers are
    /// kept under it, so any member of a group chat can give feedback on the bot's message.
    /// </summary>
    public static string ForConversation(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        return $"{activity.ChannelId ?? "unknown"}|{conversationId}";
    }

    private static bool IsGroup(ConversationAccount conversation) =>
        conversation.IsGroup == true
        || string.Equals(conversation.ConversationType, "groupChat", StringComparison.OrdinalIgnoreCase)
        || string.Equals(conversation.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);
}
