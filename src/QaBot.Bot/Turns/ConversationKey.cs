using QaBot.Bot.Channel;

namespace QaBot.Bot.Turns;

/// <summary>The conversation store key of an activity: channel and conversation id, so channels never share history.</summary>
public static class ConversationKey
{
    public static string For(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        return $"{activity.ChannelId ?? "unknown"}|{conversationId}";
    }
}
