using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Channel;

/// <summary>
/// Issue 3 point 2 and issue 7 point 3: with an app id configured, requests need a Bot Framework JWT from
/// the configured issuer (a local one the test runs), and replies carry the bot's own token.
/// </summary>
public sealed class AuthenticationTests : IClassFixture<AuthenticationTests.Host>
{
    public const string AppId = "7c1f2a4e-1111-4222-8333-944455556666";
    public const string Secret = "local-test-secret-Zq8v";
    private readonly Host _host;

    public AuthenticationTests(Host host) => _host = host;

    public static TheoryData<string> BadTokens() =>
    [
        "expired", "not yet valid", "wrong audience", "token for a different app", "wrong issuer", "bad signature",
        "unknown key id", "unsigned (alg none)", "garbage", "serviceurl claim for another host", "no serviceurl claim", "not a bearer token",
    ];

    [Fact]
    public async Task AnUnsignedRequestGets401()
    {
        using var response = await _host.Client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message("hi", serviceUrl: _host.Server.ServiceUrl)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadTokensGet401(string kind)
    {
        var server = _host.Server;
        var serviceUrl = server.ServiceUrl;
        using var otherKey = RSA.Create(2048);
        var header = kind switch
        {
            "expired" => Bearer(server.CreateToken(AppId, serviceUrl, d => { d.IssuedAt = DateTime.UtcNow.AddHours(-3); d.NotBefore = DateTime.UtcNow.AddHours(-3); d.Expires = DateTime.UtcNow.AddHours(-1); })),
            "not yet valid" => Bearer(server.CreateToken(AppId, serviceUrl, d => { d.NotBefore = DateTime.UtcNow.AddHours(1); d.Expires = DateTime.UtcNow.AddHours(2); })),
            "wrong audience" => Bearer(server.CreateToken("https://api.botframework.com", serviceUrl)),
            "token for a different app" => Bearer(server.CreateToken(Guid.NewGuid().ToString(), serviceUrl)),
            "wrong issuer" => Bearer(server.CreateToken(AppId, serviceUrl, d => d.Issuer = "https://sts.attacker.example/")),
            "bad signature" => Bearer(server.CreateToken(AppId, serviceUrl, signWith: new RsaSecurityKey(otherKey) { KeyId = server.SigningKey.KeyId })),
            "unknown key id" => Bearer(server.CreateToken(AppId, serviceUrl, signWith: new RsaSecurityKey(otherKey) { KeyId = "someone-elses-key" })),
            "unsigned (alg none)" => Bearer(UnsignedToken(serviceUrl)),
            "garbage" => Bearer("not.a.jwt"),
            "serviceurl claim for another host" => Bearer(server.CreateToken(AppId, "https://smba.trafficmanager.net/emea/")),
            "no serviceurl claim" => Bearer(server.CreateToken(AppId, serviceUrl: null)),
            "not a bearer token" => "Basic " + Convert.ToBase64String("user:pass"u8.ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = ActivityJson.Content(ActivityJson.Message("hi", serviceUrl: serviceUrl)) };
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await _host.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: got {(int)response.StatusCode}");
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorrectlySignedRequestGets200AndTheReplyCarriesTheBotsCachedToken()
    {
        var server = _host.Server;
        for (var i = 0; i < 2; i++)
        {
            var activity = ActivityJson.Message("Who did Jaishankar meet?", serviceUrl: server.ServiceUrl, conversationId: $"auth-conv-{i}");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = ActivityJson.Content(activity) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.CreateToken(AppId, server.ServiceUrl));

            using var response = await _host.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reply = await server.WaitForActivityAsync(a => a.ConversationId == $"auth-conv-{i}" && a.Type == "message", TimeSpan.FromSeconds(10));
            Assert.StartsWith("Bearer local-bot-token-", reply.Authorization, StringComparison.Ordinal);
        }

        Assert.Equal(1, server.TokensIssued);
        var tokenRequest = Assert.Single(server.TokenRequests);
        Assert.Equal("client_credentials", tokenRequest["grant_type"]);
        Assert.Equal(AppId, tokenRequest["client_id"]);
        Assert.Equal(Secret, tokenRequest["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", tokenRequest["scope"]);
    }

    [Fact]
    public async Task ATokenSignedWithAKeyNotEndorsedForTheChannelGets401()
    {
        var server = _host.Server;
        var activity = ActivityJson.Message("hi", serviceUrl: server.ServiceUrl, channelId: "skype");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = ActivityJson.Content(activity) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.CreateToken(AppId, server.ServiceUrl));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnAuthenticatedBotRefusesServiceUrlsOutsideTheAllowList()
    {
        var server = _host.Server;
        const string forged = "https://attacker.example.com/";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = ActivityJson.Content(ActivityJson.Message("hi", serviceUrl: forged)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.CreateToken(AppId, forged));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheSecretNeverAppearsInTheLogs()
    {
        await ACorrectlySignedRequestGetsLoggedAsync();

        Assert.NotEmpty(_host.Logs.Lines);
        Assert.DoesNotContain(_host.Logs.Lines, m => m.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, m => m.Contains("local-bot-token-", StringComparison.Ordinal));
    }

    private async Task ACorrectlySignedRequestGetsLoggedAsync()
    {
        var server = _host.Server;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = ActivityJson.Content(ActivityJson.Message("Who?", serviceUrl: server.ServiceUrl, conversationId: "log-conv")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.CreateToken(AppId, server.ServiceUrl));
        using var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Bearer(string token) => "Bearer " + token;

    private static string UnsignedToken(string serviceUrl)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
            + Part($"{{\"iss\":\"{FakeBotFrameworkServer.Issuer}\",\"aud\":\"{AppId}\",\"nbf\":{now - 60},\"exp\":{now + 600},\"serviceurl\":\"{serviceUrl}\"}}") + ".";
    }

    public sealed class Host : IAsyncLifetime
    {
        public FakeBotFrameworkServer Server { get; private set; } = null!;

        public BotHostFactory Factory { get; private set; } = null!;

        public CapturingLoggerProvider Logs { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await FakeBotFrameworkServer.StartAsync();
            Factory = new BotHostFactory(new Dictionary<string, string?>
            {
                ["QaBot:Bot:MicrosoftAppId"] = AppId,
                ["QaBot:Bot:MicrosoftAppPassword"] = Secret,
                ["QaBot:Bot:OpenIdMetadataUrl"] = Server.MetadataUrl,
                ["QaBot:Bot:ValidIssuers:0"] = FakeBotFrameworkServer.Issuer,
                ["QaBot:Bot:TokenEndpoint"] = Server.TokenEndpoint,
                ["QaBot:Bot:RequireHttpsMetadata"] = "false",
                ["QaBot:Bot:AllowLoopbackServiceUrls"] = "true",
                ["QaBot:Bot:PublicBaseUrl"] = "https://qabot.example.com/",
                ["Logging:LogLevel:Default"] = "Debug",
            })
            { Logs = Logs };
            Client = Factory.CreateClient();
            await Readiness.WaitAsync(Client, TimeSpan.FromSeconds(20));
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
