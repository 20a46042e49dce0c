using Microsoft.Extensions.Options;

namespace QaBot.Bot.Channel;

/// <summary>
/// Turns HTTP requests into bot turns (the SDK's <c>CloudAdapter</c>): authenticates, reads and checks the
/// activity, runs <see cref="IBot"/> and delivers its replies to the serviceUrl or, for expectReplies, in
/// the response body. Other hosts (the web chat) call <see cref="ProcessActivityAsync"/> with their own sender.
/// </summary>
public sealed partial class BotAdapter(
    IBot bot,
    BotFrameworkAuthentication authentication,
    IConnectorClient connector,
    ServiceUrlPolicy serviceUrlPolicy,
    ActivityReplayGuard replays,
    IOptions<BotChannelOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<BotAdapter> logger)
{
    /// <summary>Longest a turn may run before it is cancelled.</summary>
    public static readonly TimeSpan MaxTurnDuration = TimeSpan.FromMinutes(2);

    public async Task<IResult> ProcessAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;

        var auth = await authentication.AuthenticateAsync(request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            return BotProblems.Create(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid Bot Framework token is required.");
        }

        var (activity, problem) = await ActivityRequestReader.ReadAsync(request, settings.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ActivityValidator.Validate(activity!) is { } error)
        {
            LogInvalidActivity(logger, error);
            return BotProblems.Create(StatusCodes.Status400BadRequest, "Invalid activity", error);
        }

        if (!BotFrameworkAuthentication.ServiceUrlMatches(auth, activity!.ServiceUrl))
        {
            LogServiceUrlClaimMismatch(logger);
            return BotProblems.Create(StatusCodes.Status401Unauthorized, "Unauthorized", "The token was not issued for this serviceUrl.");
        }

        if (!BotFrameworkAuthentication.ChannelIsEndorsed(auth, activity.ChannelId))
        {
            LogChannelNotEndorsed(logger, activity.ChannelId);
            return BotProblems.Create(StatusCodes.Status401Unauthorized, "Unauthorized", "The token's signing key is not endorsed for this channel.");
        }

        if (!serviceUrlPolicy.IsAllowed(activity.ServiceUrl, out var reason))
        {
            LogServiceUrlRefused(logger, reason);
            return BotProblems.Create(StatusCodes.Status403Forbidden, "serviceUrl not allowed", $"The bot does not reply to this serviceUrl: {reason}");
        }

        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        if (!replays.TryTake(activity))
        {
            // Already taken (a channel's retry or a replayed request): acknowledged, not answered again.
            LogReplayIgnored(logger, activity.Type, activity.ChannelId);
            return expectReplies ? TypedResults.Json(new ExpectedReplies { Activities = [] }, BotJson.Options) : TypedResults.Ok();
        }

        var baseUri = PublicBaseUri(request, settings);
        if (expectReplies)
        {
            var buffer = new BufferedActivitySender();
            await ProcessActivityAsync(activity, buffer, baseUri, cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(new ExpectedReplies { Activities = [.. buffer.Activities] }, BotJson.Options);
        }

        if (string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.Ordinal))
        {
            // An invoke is answered in the HTTP response: the invokeResponse the bot sent, or 501 when it sent none.
            var invoke = new InvokeResponseSender(new ConnectorActivitySender(connector, activity));
            await ProcessActivityAsync(activity, invoke, baseUri, cancellationToken).ConfigureAwait(false);
            return invoke.Response is { } response
                ? TypedResults.Json(response.Body, BotJson.Options, statusCode: response.Status)
                : TypedResults.StatusCode(StatusCodes.Status501NotImplemented);
        }

        // Replies go to the serviceUrl; the turn is not cut short if the caller stops waiting, and a slow
        // turn finishes in the background after a 202 so the channel does not time out and retry.
        var turn = ProcessActivityAsync(activity, new ConnectorActivitySender(connector, activity), baseUri, lifetime.ApplicationStopping);
        var budget = TimeSpan.FromMilliseconds(settings.MaxSynchronousTurnMilliseconds);
        if (await Task.WhenAny(turn, Task.Delay(budget, cancellationToken)).ConfigureAwait(false) == turn)
        {
            return TypedResults.Ok();
        }

        LogTurnContinuesInBackground(logger, activity.Type, settings.MaxSynchronousTurnMilliseconds);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Runs one turn; a failing turn is logged and the user told, never thrown to the host.</summary>
    public async Task ProcessActivityAsync(Activity activity, IActivitySender sender, Uri publicBaseUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(sender);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MaxTurnDuration);
        var turn = new TurnContext(activity, sender, publicBaseUri);
        try
        {
            await bot.OnTurnAsync(turn, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogTurnCancelled(logger, activity.Type);
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, activity.Type, activity.ChannelId);
            await TrySendApologyAsync(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static Uri PublicBaseUri(HttpRequest request, BotChannelOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.PublicBaseUrl))
        {
            return new Uri(settings.PublicBaseUrl.TrimEnd('/') + "/");
        }

        return new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/");
    }

    private async Task TrySendApologyAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            return;
        }

        try
        {
            await turn.SendActivityAsync("Sorry, something went wrong while answering. Please try again.", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BotChannelException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            LogApologyFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an invalid activity: {Error}")]
    private static partial void LogInvalidActivity(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity whose serviceUrl differs from its token's serviceurl claim")]
    private static partial void LogServiceUrlClaimMismatch(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity for channel {ChannelId}: the signing key is not endorsed for it")]
    private static partial void LogChannelNotEndorsed(ILogger logger, string? channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity with a serviceUrl that is not allowed: {Reason}")]
    private static partial void LogServiceUrlRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a replay of a {ActivityType} activity from channel {ChannelId} that was already taken")]
    private static partial void LogReplayIgnored(ILogger logger, string? activityType, string? channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A {ActivityType} turn took longer than {BudgetMs} ms: answered 202, replies follow")]
    private static partial void LogTurnContinuesInBackground(ILogger logger, string? activityType, int budgetMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ActivityType} turn was cancelled")]
    private static partial void LogTurnCancelled(ILogger logger, string? activityType);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} turn from channel {ChannelId} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? activityType, string? channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the user about a failed turn: {Error}")]
    private static partial void LogApologyFailed(ILogger logger, string error);
}
