using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Channel;

/// <summary>
/// Issue 12, row 9: while the token issuer's OpenID metadata endpoint is down, requests (forged ones
/// included) must not each trigger a fetch and an error line. A failed fetch is remembered and retried
/// after a growing back-off; once the metadata is back, good tokens pass again. The clock is a
/// FakeTimeProvider, so "later" is a step the test takes, not a wait.
/// </summary>
public sealed class MetadataOutageTests
{
    [Fact]
    public async Task TwentyForgedRequestsDuringAnOutageCauseOneFetchAttemptAndOneErrorLine()
    {
        await using var server = await FakeBotFrameworkServer.StartAsync();
        server.MetadataUnavailable = true;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturingLoggerProvider();
        await using var factory = new BotHostFactory(Settings(server)) { Logs = logs, Time = clock };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        using var forger = RSA.Create(2048);
        for (var i = 0; i < 20; i++)
        {
            var forged = server.CreateToken(AuthenticationTests.AppId, server.ServiceUrl, signWith: new RsaSecurityKey(forger) { KeyId = "forged-" + i });
            using var response = await SendAsync(client, server.ServiceUrl, forged, $"forged-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // One attempt (the identity library's retriever may retry a 503 once within it).
        Assert.InRange(server.MetadataRequests, 1, 2);
        Assert.Single(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("OpenID metadata", StringComparison.Ordinal));
        Assert.Empty(server.Received);

        // The issuer comes back; after the back-off the next request fetches again and a good token passes.
        server.MetadataUnavailable = false;
        clock.Advance(TimeSpan.FromMinutes(10));
        using (var good = await SendAsync(client, server.ServiceUrl, server.CreateToken(AuthenticationTests.AppId, server.ServiceUrl), "after-outage"))
        {
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }

        await server.WaitForActivityAsync(a => a.ConversationId == "after-outage" && a.Type == "message", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RetriesBackOffWhileTheOutageLasts()
    {
        await using var server = await FakeBotFrameworkServer.StartAsync();
        server.MetadataUnavailable = true;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new BotHostFactory(Settings(server)) { Time = clock };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        var token = server.CreateToken(AuthenticationTests.AppId, server.ServiceUrl);

        // Each step a second later: the attempts thin out as the back-off grows (1, 2, 4, 8 … seconds).
        var attempts = new List<int>();
        for (var second = 0; second < 30; second++)
        {
            using var response = await SendAsync(client, server.ServiceUrl, token, $"outage-{second}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            attempts.Add(server.MetadataRequests);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var fetchAttempts = attempts.Distinct().Count();
        Assert.InRange(fetchAttempts, 2, 6);
    }

    private static Dictionary<string, string?> Settings(FakeBotFrameworkServer server) => new()
    {
        ["QaBot:Bot:MicrosoftAppId"] = AuthenticationTests.AppId,
        ["QaBot:Bot:MicrosoftAppPassword"] = AuthenticationTests.Secret,
        ["QaBot:Bot:OpenIdMetadataUrl"] = server.MetadataUrl,
        ["QaBot:Bot:ValidIssuers:0"] = FakeBotFrameworkServer.Issuer,
        ["QaBot:Bot:TokenEndpoint"] = server.TokenEndpoint,
        ["QaBot:Bot:RequireHttpsMetadata"] = "false",
        ["QaBot:Bot:AllowLoopbackServiceUrls"] = "true",
        ["QaBot:Bot:PublicBaseUrl"] = "https://qabot.example.com/",
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string serviceUrl, string token, string conversationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = ActivityJson.Content(ActivityJson.Message("Who did Jaishankar meet?", serviceUrl: serviceUrl, conversationId: conversationId)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
