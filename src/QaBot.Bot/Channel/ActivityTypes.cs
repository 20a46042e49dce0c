namespace QaBot.Bot.Channel;

/// <summary>Activity <c>type</c> values the bot handles or sends.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string EndOfConversation = "endOfConversation";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string InvokeResponse = "invokeResponse";
}
