namespace QaBot.Bot.Channel;

/// <summary>
/// Where a turn's outgoing activities go: the Bot Connector at the activity's serviceUrl, the HTTP
/// response (expectReplies) or the in-process web chat conversation.
/// </summary>
public interface IActivitySender
{
    /// <summary>True when the channel shows streamed text (typing activities with text, then a final message).</summary>
    bool SupportsStreaming { get; }

    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken = default);
}
