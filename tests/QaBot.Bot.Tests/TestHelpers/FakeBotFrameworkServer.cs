using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>
/// A local stand-in for the Bot Framework services, on loopback: OpenID metadata and signing keys for
/// channel tokens, an OAuth token endpoint for the bot's own tokens, and the Bot Connector API that
/// records every activity the bot sends. It speaks the real protocols; it never calls Microsoft.
/// </summary>
public sealed class FakeBotFrameworkServer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.test";

    private readonly WebApplication _app;
    private int _tokensIssued;
    private int _metadataRequests;

    private FakeBotFrameworkServer(WebApplication app, RsaSecurityKey signingKey)
    {
        _app = app;
        SigningKey = signingKey;
    }

    public RsaSecurityKey SigningKey { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public string MetadataUrl => new Uri(BaseAddress, ".well-known/openidconfiguration").AbsoluteUri;

    public string TokenEndpoint => new Uri(BaseAddress, "oauth2/token").AbsoluteUri;

    /// <summary>The serviceUrl channels put on activities (the connector is this server).</summary>
    public string ServiceUrl => BaseAddress.AbsoluteUri.TrimEnd('/');

    public ConcurrentQueue<ReceivedActivity> Received { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public int TokensIssued => _tokensIssued;

    /// <summary>Requests for the OpenID metadata document and its key set, answered or not.</summary>
    public int MetadataRequests => _metadataRequests;

    /// <summary>When true, the OpenID metadata and key set endpoints answer 503 (an outage of the token issuer).</summary>
    public bool MetadataUnavailable { get; set; }

    public static async Task<FakeBotFrameworkServer> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "local-key-1" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeBotFrameworkServer(app, key);
        server.Map();
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    public string CreateToken(string audience, string? serviceUrl, Action<SecurityTokenDescriptor>? customize = null, SecurityKey? signWith = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(30),
            Claims = new Dictionary<string, object>(),
            SigningCredentials = new SigningCredentials(signWith ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        if (serviceUrl is not null)
        {
            descriptor.Claims["serviceurl"] = serviceUrl;
        }

        customize?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public async Task<ReceivedActivity> WaitForActivityAsync(Func<ReceivedActivity, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var match = Received.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No matching activity reached the connector within {timeout}; received {Received.Count}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openidconfiguration", () => Interlocked.Increment(ref _metadataRequests) > 0 && MetadataUnavailable ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = new Uri(BaseAddress, "oauth2/authorize").AbsoluteUri,
            ["jwks_uri"] = new Uri(BaseAddress, "keys").AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        _app.MapGet("/keys", () =>
        {
            if (Interlocked.Increment(ref _metadataRequests) > 0 && MetadataUnavailable)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            var parameters = SigningKey.Rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA",
                        use = "sig",
                        kid = SigningKey.KeyId,
                        n = Base64UrlEncoder.Encode(parameters.Modulus),
                        e = Base64UrlEncoder.Encode(parameters.Exponent),
                        endorsements = new[] { "msteams", "webchat", "directline" },
                    },
                },
            });
        });
        _app.MapPost("/oauth2/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            var n = Interlocked.Increment(ref _tokensIssued);
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = $"local-bot-token-{n}" });
        });
        _app.MapPost("/v3/conversations/{conversationId}/activities/{**replyToId}", async (string conversationId, string? replyToId, HttpRequest request) =>
        {
            var activity = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            Received.Enqueue(new ReceivedActivity(conversationId, replyToId, request.Headers.Authorization.ToString(), activity));
            return Results.Json(new { id = $"srv-{Received.Count}" });
        });
        _app.MapPost("/v3/conversations/{conversationId}/activities", async (string conversationId, HttpRequest request) =>
        {
            var activity = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            Received.Enqueue(new ReceivedActivity(conversationId, null, request.Headers.Authorization.ToString(), activity));
            return Results.Json(new { id = $"srv-{Received.Count}" });
        });
    }
}
