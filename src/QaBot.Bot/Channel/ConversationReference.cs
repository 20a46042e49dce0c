namespace QaBot.Bot.Channel;

/// <summary>Where to send activities for a conversation (schema v3 <c>ConversationReference</c>).</summary>
public sealed record ConversationReference(
    string? ActivityId,
    ChannelAccount? User,
    ChannelAccount? Bot,
    ConversationAccount Conversation,
    string? ChannelId,
    string? ServiceUrl,
    string? Locale);
