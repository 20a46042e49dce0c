using QaBot.Bot.Channel;

namespace QaBot.Bot.WebChat;

/// <summary>Delivers a turn's replies into the web chat conversation the page is reading.</summary>
public sealed class WebChatActivitySender(WebChatConversation conversation, TimeProvider timeProvider) : IActivitySender
{
    public static ChannelAccount BotAccount => new() { Id = "qabot", Name = "QaBot", Role = "bot" };

    public bool SupportsStreaming => true;

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.Equals(activity.Type, ActivityTypes.InvokeResponse, StringComparison.Ordinal))
        {
            // Invokes answer their HTTP request; the web chat page has none waiting, and shows none.
            return Task.FromResult(new ResourceResponse(string.Empty));
        }

        activity.From = BotAccount;
        activity.Id = null;
        var id = conversation.Append(activity, timeProvider.GetUtcNow());
        return Task.FromResult(new ResourceResponse(id));
    }
}
