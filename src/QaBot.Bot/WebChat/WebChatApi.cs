using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;
using QaBot.Bot.Hosting;
using QaBot.Core.Channels;

namespace QaBot.Bot.WebChat;

/// <summary>
/// A small same-origin Direct Line-style API for the web chat page, feeding the same
/// <see cref="BotAdapter"/> pipeline as /api/messages:
/// <c>POST /webchat/conversations</c> starts a conversation (the bot is added and welcomes),
/// <c>POST /webchat/conversations/{id}/activities</c> posts the user's activity (echoed back with its id),
/// <c>GET /webchat/conversations/{id}/stream</c> streams every activity as server-sent events, resuming
/// from <c>Last-Event-ID</c> or <c>?watermark=</c>; <c>GET /webchat/examples</c> gives example questions
/// about the indexed articles. Starting conversations is rate-limited per client
/// (<see cref="CreateConversationRateLimit"/>) and posted activities are limited to <see cref="WebChatOptions.MaxActivityBytes"/>.
/// </summary>
public static class WebChatApi
{
    public const string RoutePrefix = "/webchat";

    /// <summary>The rate-limiting policy on <c>POST /webchat/conversations</c> (see <see cref="WebChatRateLimiting"/>).</summary>
    public const string CreateConversationRateLimit = "webchat-create-conversation";
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapWebChatApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(RoutePrefix + "/conversations");
        group.MapPost("/", StartConversation).RequireRateLimiting(CreateConversationRateLimit);
        group.MapPost("/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/{conversationId}/stream", Stream);
        endpoints.MapGet(RoutePrefix + "/examples", GetExamplesAsync);
        return endpoints;
    }

    /// <summary>
    /// <c>GET /webchat/examples</c>: whether the index is ready, how many articles it holds and example
    /// questions about them, for the page's "Try asking" panel.
    /// </summary>
    private static async Task<IResult> GetExamplesAsync(CorpusExamples examples, IndexReadiness readiness, CancellationToken cancellationToken)
    {
        if (!readiness.IsReady)
        {
            return TypedResults.Json(new { ready = false, documents = 0L, questions = Array.Empty<string>() });
        }

        var corpus = await examples.GetAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new { ready = true, documents = corpus.Documents, questions = corpus.Questions });
    }

    private static IResult StartConversation(
        HttpRequest request,
        WebChatConversationHub hub,
        BotAdapter adapter,
        TimeProvider timeProvider,
        IOptions<BotChannelOptions> options,
        IHostApplicationLifetime lifetime)
    {
        var conversation = hub.TryCreate();
        if (conversation is null)
        {
            request.HttpContext.Response.Headers.RetryAfter = "60";
            return BotProblems.Create(StatusCodes.Status503ServiceUnavailable, "Too many conversations", "The web chat is full of conversations in use. Please try again in a minute.");
        }

        var baseUri = BotAdapter.PublicBaseUri(request, options.Value);
        var user = new ChannelAccount { Id = "webchat-user", Name = "You", Role = "user" };
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = ChannelIds.WebChat,
            ServiceUrl = new Uri(baseUri, "webchat").AbsoluteUri,
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = user,
            Recipient = WebChatActivitySender.BotAccount,
            MembersAdded = [WebChatActivitySender.BotAccount, user],
            Timestamp = timeProvider.GetUtcNow(),
        };
        RunTurnInBackground(adapter, update, new WebChatActivitySender(conversation, timeProvider), baseUri, lifetime.ApplicationStopping);
        return TypedResults.Json(new { conversationId = conversation.Id }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpRequest request,
        WebChatConversationHub hub,
        BotAdapter adapter,
        TimeProvider timeProvider,
        IOptions<BotChannelOptions> options,
        IOptions<WebChatOptions> webChatOptions,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var conversation = hub.Find(conversationId);
        if (conversation is null)
        {
            return BotProblems.Create(StatusCodes.Status404NotFound, "Conversation not found", "Start a conversation first (POST /webchat/conversations).");
        }

        var settings = options.Value;
        var maxBytes = Math.Min(settings.MaxRequestBodyBytes, webChatOptions.Value.MaxActivityBytes);
        var (activity, problem) = await ActivityRequestReader.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(activity!.Type) || activity.Type.Length > ActivityValidator.MaxTypeLength || !activity.Type.All(char.IsAsciiLetterOrDigit))
        {
            return BotProblems.Create(StatusCodes.Status400BadRequest, "Invalid activity", "The activity has no valid 'type'.");
        }

        var baseUri = BotAdapter.PublicBaseUri(request, settings);
        activity.Id = null;
        activity.Timestamp = null;
        activity.DeliveryMode = null;
        activity.ServiceUrl = new Uri(baseUri, "webchat").AbsoluteUri;
        activity.From = new ChannelAccount { Id = "webchat-user", Name = activity.From?.Name is { Length: <= 64 } name ? name : "You", Role = "user" };
        activity.Recipient = WebChatActivitySender.BotAccount;
        var id = conversation.Append(activity, timeProvider.GetUtcNow());

        RunTurnInBackground(adapter, activity, new WebChatActivitySender(conversation, timeProvider), baseUri, lifetime.ApplicationStopping);
        return TypedResults.Ok(new { id });
    }

    private static IResult Stream(string conversationId, int? watermark, HttpRequest request, WebChatConversationHub hub, IHostApplicationLifetime lifetime)
    {
        var conversation = hub.Find(conversationId);
        if (conversation is null)
        {
            return BotProblems.Create(StatusCodes.Status404NotFound, "Conversation not found", "Start a conversation first (POST /webchat/conversations).");
        }

        var from = watermark ?? 0;
        if (int.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var lastEventId))
        {
            from = lastEventId + 1;
        }

        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        return TypedResults.ServerSentEvents(ReadAsync(conversation, Math.Max(0, from), lifetime.ApplicationStopping, request.HttpContext.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(WebChatConversation conversation, int watermark, CancellationToken stopping, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        // Open streams end when the host stops, so shutdown does not wait for browsers to go away.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, requestAborted);
        using var reading = conversation.OpenStream();
        var cancellationToken = linked.Token;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (activities, changed) = conversation.ReadFrom(watermark);
            foreach (var (mark, json) in activities)
            {
                yield return new SseItem<string>(json, "activity") { EventId = mark.ToString(CultureInfo.InvariantCulture) };
                watermark = mark + 1;
            }

            if (activities.Count > 0)
            {
                continue;
            }

            var keepAlive = false;
            try
            {
                await changed.WaitAsync(KeepAliveInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                keepAlive = true;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (keepAlive)
            {
                yield return new SseItem<string>(string.Empty, "ping");
            }
        }
    }

    private static void RunTurnInBackground(BotAdapter adapter, Activity activity, IActivitySender sender, Uri baseUri, CancellationToken stopping) =>
        _ = Task.Run(() => adapter.ProcessActivityAsync(activity, sender, baseUri, stopping), CancellationToken.None);
}
