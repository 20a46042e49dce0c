namespace QaBot.Bot.Channel;

/// <summary>Sends a turn's replies through the Bot Connector API at the incoming activity's serviceUrl.</summary>
public sealed class ConnectorActivitySender(IConnectorClient connector, Activity incoming) : IActivitySender
{
    /// <summary>Teams streams in one-to-one chats only.</summary>
    public bool SupportsStreaming =>
        string.Equals(incoming.ChannelId, ChannelIds.MsTeams, StringComparison.OrdinalIgnoreCase)
        && string.Equals(incoming.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var serviceUrl = activity.ServiceUrl ?? incoming.ServiceUrl
            ?? throw new InvalidOperationException("The activity has no serviceUrl to reply to.");
        var conversationId = activity.Conversation?.Id ?? incoming.Conversation?.Id
            ?? throw new InvalidOperationException("The activity has no conversation id.");
        return string.IsNullOrEmpty(activity.ReplyToId)
            ? connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken)
            : connector.ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken);
    }
}
