namespace QaBot.Bot.Channel;

/// <summary>
/// One turn: the incoming activity and the way to answer it (the SDK's <c>ITurnContext</c>).
/// Replies are addressed from the incoming activity when the caller leaves fields empty.
/// </summary>
public sealed class TurnContext
{
    private readonly IActivitySender _sender;

    public TurnContext(Activity activity, IActivitySender sender, Uri publicBaseUri)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        Activity = activity;
        _sender = sender;
        PublicBaseUri = publicBaseUri;
    }

    public Activity Activity { get; }

    /// <summary>The bot's public address, for links in replies (documents).</summary>
    public Uri PublicBaseUri { get; }

    public bool SupportsStreaming => _sender.SupportsStreaming;

    /// <summary>Number of activities sent in this turn.</summary>
    public int SentCount { get; private set; }

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Conversation ??= Activity.Conversation;
        activity.ChannelId ??= Activity.ChannelId;
        activity.ServiceUrl ??= Activity.ServiceUrl;
        activity.ReplyToId ??= Activity.Id;
        activity.Timestamp ??= DateTimeOffset.UtcNow;
        var response = await _sender.SendAsync(activity, cancellationToken).ConfigureAwait(false);
        SentCount++;
        return response;
    }

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateReply(ActivityTypes.Message, text), cancellationToken);

    public Task<ResourceResponse> SendTypingAsync(CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateReply(ActivityTypes.Typing), cancellationToken);
}
