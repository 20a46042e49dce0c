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
/// </summary>
public sealed partial class BotFrameworkAuthentication
{
    public const string HttpClientName = "QaBot.BotOpenId";

    private readonly BotChannelOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<BotFrameworkAuthentication> _logger;

    public BotFrameworkAuthentication(IOptions<BotChannelOptions> options, IHttpClientFactory httpClientFactory, ILogger<BotFrameworkAuthentication> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _options = options.Value;
        _logger = logger;
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

        LogRejected(_logger, result.FailureReason);
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

    private async Task<AuthenticationResult> ValidateAsync(string token, bool refreshed, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _metadata!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            LogMetadataUnavailable(_logger, _options.OpenIdMetadataUrl, ex.Message);
            return AuthenticationResult.Fail("signing keys unavailable");
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

    [LoggerMessage(Level = LogLevel.Error, Message = "OpenID metadata at {MetadataUrl} is unavailable: {Error}")]
    private static partial void LogMetadataUnavailable(ILogger logger, string metadataUrl, string error);
}
