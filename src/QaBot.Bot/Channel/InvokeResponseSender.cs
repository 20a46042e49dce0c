using System.Text.Json.Nodes;

namespace QaBot.Bot.Channel;

/// <summary>
/// The sender for an invoke turn (the SDK's invoke handling): the bot's <c>invokeResponse</c> activity is
/// kept to become the HTTP response (status and body); any other reply goes on to <paramref name="inner"/>.
/// </summary>
public sealed class InvokeResponseSender(IActivitySender inner) : IActivitySender
{
    public bool SupportsStreaming => false;

    /// <summary>The status and body the bot answered the invoke with, once it has.</summary>
    public (int Status, JsonNode? Body)? Response { get; private set; }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!string.Equals(activity.Type, ActivityTypes.InvokeResponse, StringComparison.Ordinal))
        {
            return inner.SendAsync(activity, cancellationToken);
        }

        var status = activity.Value?["status"] is JsonValue value && value.TryGetValue<int>(out var code) && code is >= 200 and <= 599 ? code : StatusCodes.Status200OK;
        Response = (status, activity.Value?["body"]?.DeepClone());
        return Task.FromResult(new ResourceResponse(activity.Id ?? string.Empty));
    }
}
