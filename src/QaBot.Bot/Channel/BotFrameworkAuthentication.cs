using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace QaBot.Bot.Channel;

/// <summary>
/// Checks the JWT that Azure Bot Service, Teams and Direct Line put on every request (the SDK's
/// <c>BotFrameworkAuthentication</c>): signature with keys from the configured OpenID metadata, issuer,
/// audience = the app id, lifetime, and the <c>serviceurl</c> claim against the activity's serviceUrl.
/// Until the metadata has been read once, a failed fetch is remembered: requests meanwhile are refused
/// without fetching again, and the next attempt waits a back-off that doubles up to
/// <see cref="MaxMetadataRetryDelay"/> (afterwards the identity library keeps the last good keys).
/// </summary>
public sealed partial class BotFrameworkAuthentication
{
    public const string HttpClientName = "QaBot.BotOpenId";

    /// <summary>Wait after the first failed metadata fetch; it doubles with each further failure.</summary>
    public static readonly TimeSpan FirstMetadataRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two metadata fetch attempts while the issuer is down.</summary>
    public static readonly TimeSpan MaxMetadataRetryDelay = TimeSpan.FromMinutes(5);

    private readonly BotChannelOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<BotFrameworkAuthentication> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _firstFetch = new(1, 1);
    private volatile bool _hasMetadata;
    private int _failedFetches;
    private DateTimeOffset _nextFetchAt = DateTimeOffset.MinValue;

    public BotFrameworkAuthentication(IOptions<BotChannelOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<BotFrameworkAuthentication> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider;
        if (_options.IsAuthenticationEnabled)
        {
            var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName)) { RequireHttps = _options.RequireHttpsMetadata };
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(_options.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), retriever);
        }
    }

    public bool IsEnabled => _metadata is not null;

    /// <summary>Validates the <c>Authorization</c> header value; anonymous success when no app id is configured.</summary>
    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, CancellationToken cancellationToken = default)
    {
        if (_metadata is null)
        {
            return AuthenticationResult.Anonymous;
        }

        const string scheme = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorizationHeader) || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail("missing bearer token");
        }

        var token = authorizationHeader[scheme.Length..].Trim();
        var result = await ValidateAsync(token, refreshed: false, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return result;
        }

        if (result.FailureReason == SigningKeysUnavailable)
        {
            // Not the caller's fault, and the outage is logged once per fetch attempt.
            LogRejectedWithoutKeys(_logger);
        }
        else
        {
            LogRejected(_logger, result.FailureReason);
        }

        return result;
    }

    /// <summary>True when the token's serviceurl claim names the activity's serviceUrl (trailing slash and case ignored).</summary>
    public static bool ServiceUrlMatches(AuthenticationResult result, string? serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Identity is null)
        {
            return true;
        }

        var claim = result.ServiceUrlClaim;
        return claim is not null && serviceUrl is not null
            && string.Equals(claim.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True when the signing key is endorsed for the activity's channel, as the SDK checks for Bot Framework
    /// keys; keys without an endorsement list (Entra ID keys) pass.
    /// </summary>
    public static bool ChannelIsEndorsed(AuthenticationResult result, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Endorsements is null
            || (channelId is not null && result.Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase));
    }

    private static List<string>? EndorsementsOf(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array =>
                [.. array.EnumerateArray().Where(e => e.ValueKind == System.Text.Json.JsonValueKind.String).Select(e => e.GetString()!)],
            IEnumerable<object> items => [.. items.Select(i => i?.ToString() ?? string.Empty)],
            _ => null,
        };
    }

    private const string SigningKeysUnavailable = "signing keys unavailable";

    /// <summary>
    /// The issuer's metadata and keys, or null while none were ever read and the last attempt failed less
    /// than its back-off ago. One request at a time makes the first fetch; once it succeeded, the identity
    /// library caches the metadata, refreshes it in the background and keeps the last good copy on failure.
    /// </summary>
    private async Task<OpenIdConnectConfiguration?> GetMetadataAsync(CancellationToken cancellationToken)
    {
        if (_hasMetadata)
        {
            return await _metadata!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }

        await _firstFetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_hasMetadata && _timeProvider.GetUtcNow() < _nextFetchAt)
            {
                return null;
            }

            var configuration = await _metadata!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            if (_failedFetches > 0)
            {
                LogMetadataRecovered(_logger, _options.OpenIdMetadataUrl, _failedFetches);
            }

            _failedFetches = 0;
            _hasMetadata = true;
            return configuration;
        }
        catch (InvalidOperationException ex)
        {
            _failedFetches++;
            var delay = TimeSpan.FromTicks(Math.Min(
                MaxMetadataRetryDelay.Ticks,
                FirstMetadataRetryDelay.Ticks * (1L << Math.Min(_failedFetches - 1, 20))));
            _nextFetchAt = _timeProvider.GetUtcNow() + delay;
            LogMetadataUnavailable(_logger, _options.OpenIdMetadataUrl, Innermost(ex).GetType().Name, delay.TotalSeconds);
            return null;
        }
        finally
        {
            _firstFetch.Release();
        }
    }

    /// <summary>The root cause of a failed fetch (the identity library's messages carry stack traces).</summary>
    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }

    private async Task<AuthenticationResult> ValidateAsync(string token, bool refreshed, CancellationToken cancellationToken)
    {
        var configuration = await GetMetadataAsync(cancellationToken).ConfigureAwait(false);
        if (configuration is null)
        {
            return AuthenticationResult.Fail(SigningKeysUnavailable);
        }

        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = _options.ValidIssuers,
            ValidateAudience = true,
            ValidAudience = _options.MicrosoftAppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };

        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (result.IsValid)
        {
            var keyId = (result.SecurityToken as JsonWebToken)?.Kid;
            return new AuthenticationResult(true, result.ClaimsIdentity, null) { Endorsements = EndorsementsOf(configuration, keyId) };
        }

        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && !refreshed)
        {
            // Keys roll over: fetch the metadata again once before refusing.
            _metadata!.RequestRefresh();
            return await ValidateAsync(token, refreshed: true, cancellationToken).ConfigureAwait(false);
        }

        return AuthenticationResult.Fail(result.Exception?.GetType().Name ?? "invalid token");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request to the bot: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected a request to the bot: the token issuer's signing keys are unavailable")]
    private static partial void LogRejectedWithoutKeys(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "OpenID metadata at {MetadataUrl} cannot be read ({Error}). Requests are refused until it can be read; next attempt in {RetrySeconds:F0} s")]
    private static partial void LogMetadataUnavailable(ILogger logger, string metadataUrl, string error, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID metadata at {MetadataUrl} was read after {FailedAttempts} failed attempts")]
    private static partial void LogMetadataRecovered(ILogger logger, string metadataUrl, int failedAttempts);
}
