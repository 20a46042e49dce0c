using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.Channel;

/// <summary>
/// Issue 12, "worth deciding": citation links must not be built from a request's Host header where other
/// people read the replies. An authenticated bot (Teams, Azure Bot Service) must be given its public address
/// (checked at start); its links then use it whatever Host a request carries. An anonymous bot (local use)
/// takes the request's host: its replies go back to that requester only.
/// </summary>
public sealed class PublicBaseUrlTests
{
    [Fact]
    public void AnAuthenticatedBotWithoutAPublicBaseUrlFailsAtStartWithAClearMessage()
    {
        using var factory = new BotHostFactory(new Dictionary<string, string?>
        {
            ["QaBot:Bot:MicrosoftAppId"] = AuthenticationTests.AppId,
            ["QaBot:Bot:MicrosoftAppPassword"] = AuthenticationTests.Secret,
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("PublicBaseUrl is required when MicrosoftAppId is set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthenticatedBotsLinksUseItsPublicAddressWhateverTheHostHeaderSays()
    {
        await using var server = await FakeBotFrameworkServer.StartAsync();
        await using var factory = new BotHostFactory(new Dictionary<string, string?>
        {
            ["QaBot:Bot:MicrosoftAppId"] = AuthenticationTests.AppId,
            ["QaBot:Bot:MicrosoftAppPassword"] = AuthenticationTests.Secret,
            ["QaBot:Bot:OpenIdMetadataUrl"] = server.MetadataUrl,
            ["QaBot:Bot:ValidIssuers:0"] = FakeBotFrameworkServer.Issuer,
            ["QaBot:Bot:TokenEndpoint"] = server.TokenEndpoint,
            ["QaBot:Bot:RequireHttpsMetadata"] = "false",
            ["QaBot:Bot:AllowLoopbackServiceUrls"] = "true",
            ["QaBot:Bot:PublicBaseUrl"] = "https://qabot.example.com/",
        });
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = ActivityJson.Content(ActivityJson.Message("Who did Jaishankar meet?", serviceUrl: server.ServiceUrl, conversationId: "host-header", channelId: "webchat")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.CreateToken(AuthenticationTests.AppId, server.ServiceUrl));
        request.Headers.Host = "attacker.example";
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var reply = await server.WaitForActivityAsync(a => a.ConversationId == "host-header" && a.Type == "message", TimeSpan.FromSeconds(10));
        var links = Urls(reply.Activity).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, url => Assert.StartsWith("https://qabot.example.com/documents/", url, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Urls(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "url" && p.Value is JsonValue v && v.TryGetValue<string>(out var url) ? [url] : Urls(p.Value)),
        JsonArray array => array.SelectMany(Urls),
        _ => [],
    };
}
