using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace QaBot.Bot.Channel;

/// <summary>
/// Calls the Bot Connector REST API with the app's bearer token. Every call checks the serviceUrl against
/// <see cref="ServiceUrlPolicy"/> first, so the token never goes to a host that is not allowed.
/// </summary>
public sealed partial class ConnectorClient(
    IHttpClientFactory httpClientFactory,
    IAppCredentials credentials,
    ServiceUrlPolicy serviceUrlPolicy,
    ILogger<ConnectorClient> logger) : IConnectorClient
{
    public const string HttpClientName = "QaBot.BotConnector";

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        return PostAsync(serviceUrl, conversationId, $"/activities/{PathSegment(activityId)}", activity, cancellationToken);
    }

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        PostAsync(serviceUrl, conversationId, "/activities", activity, cancellationToken);

    private async Task<ResourceResponse> PostAsync(string serviceUrl, string conversationId, string suffix, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        if (!serviceUrlPolicy.IsAllowed(serviceUrl, out var reason))
        {
            throw new BotChannelException($"Refusing to send to serviceUrl: {reason}");
        }

        var url = $"{serviceUrl.TrimEnd('/')}/v3/conversations/{PathSegment(conversationId)}{suffix}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(activity, options: BotJson.Options),
        };
        var token = await credentials.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new BotChannelException($"Sending a {activity.Type} activity to the Bot Connector failed: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                LogSendFailed(logger, activity.Type, (int)response.StatusCode);
                throw new BotChannelException($"The Bot Connector answered {(int)response.StatusCode} to a {activity.Type} activity.");
            }

            LogSent(logger, activity.Type, (int)response.StatusCode);
            return await ReadResourceResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An id as one path segment: escaped, and never "." or ".." (which escaping keeps and URL resolution
    /// would turn into "stay here" and "go up", sending the activity outside the conversation's address).
    /// </summary>
    private static string PathSegment(string id) => ActivityValidator.IsDotSegment(id)
        ? throw new BotChannelException("Refusing to send to a conversation or activity id that is not a plain path segment ('.' or '..').")
        : Uri.EscapeDataString(id);

    private static async Task<ResourceResponse> ReadResourceResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ResourceResponse(null);
        }

        try
        {
            return JsonSerializer.Deserialize<ResourceResponse>(body, BotJson.Options) ?? new ResourceResponse(null);
        }
        catch (JsonException)
        {
            return new ResourceResponse(null);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent a {ActivityType} activity to the Bot Connector ({StatusCode})")]
    private static partial void LogSent(ILogger logger, string? activityType, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bot Connector refused a {ActivityType} activity with status {StatusCode}")]
    private static partial void LogSendFailed(ILogger logger, string? activityType, int statusCode);
}
