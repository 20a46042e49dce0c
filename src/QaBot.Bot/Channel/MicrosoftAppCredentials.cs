using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace QaBot.Bot.Channel;

/// <summary>
/// OAuth 2.0 client-credentials tokens for the app id and password, cached until shortly before they
/// expire. The secret is sent only to the token endpoint and never logged.
/// </summary>
public sealed partial class MicrosoftAppCredentials(
    IHttpClientFactory httpClientFactory,
    IOptions<BotChannelOptions> options,
    TimeProvider timeProvider,
    ILogger<MicrosoftAppCredentials> logger) : IAppCredentials
{
    public const string HttpClientName = "QaBot.BotTokens";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.IsAuthenticationEnabled)
        {
            return null;
        }

        if (_token is not null && timeProvider.GetUtcNow() < _expiresAt)
        {
            return _token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && timeProvider.GetUtcNow() < _expiresAt)
            {
                return _token;
            }

            var endpoint = TokenEndpointFor(settings);
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var body = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.MicrosoftAppId!,
                ["client_secret"] = settings.MicrosoftAppPassword ?? string.Empty,
                ["scope"] = settings.OAuthScope,
            });
            using var response = await client.PostAsync(endpoint, body, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogTokenFailed(logger, endpoint, (int)response.StatusCode);
                throw new BotChannelException($"The token endpoint answered {(int)response.StatusCode}; replies cannot be authenticated.");
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(token?.AccessToken))
            {
                throw new BotChannelException("The token endpoint returned no access_token.");
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(60, token.ExpiresIn));
            _token = token.AccessToken;
            _expiresAt = timeProvider.GetUtcNow() + (lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2);
            LogTokenAcquired(logger, endpoint, _expiresAt);
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static string TokenEndpointFor(BotChannelOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.TokenEndpoint))
        {
            return settings.TokenEndpoint;
        }

        var tenant = string.IsNullOrWhiteSpace(settings.MicrosoftAppTenantId) ? "botframework.com" : settings.MicrosoftAppTenantId;
        return $"https://login.microsoftonline.com/{Uri.EscapeDataString(tenant)}/oauth2/v2.0/token";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot token acquired from {Endpoint}, cached until {ExpiresAt}")]
    private static partial void LogTokenAcquired(ILogger logger, string endpoint, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot token request to {Endpoint} failed with status {StatusCode}")]
    private static partial void LogTokenFailed(ILogger logger, string endpoint, int statusCode);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
