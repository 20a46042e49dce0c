using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.Tokens;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 7, point 3: with every log level on (Trace), the app password, the LLM API key, the bot's own
/// token and the callers' tokens (good, expired or forged) appear in no log line — not at start, not
/// while answering, not when the LLM fails and the extractive answer steps in, not when a request is refused.
/// </summary>
public sealed class SecretsInLogsTests
{
    private const string AppId = "5a0d7e3c-2222-4333-8444-a55566667777";
    private const string AppPassword = "app-password-Xk93-never-log-me";
    private const string LlmApiKey = "sk-llm-key-Qw72-never-log-me";

    [Fact]
    public async Task NoSecretOrTokenAppearsInTheLogsAtTraceLevelWhileAnsweringFailingOverAndRefusing()
    {
        await using var server = await FakeBotFrameworkServer.StartAsync();
        using var corpus = new TempFolder();
        HarbourCorpus.Write(corpus.Path, 6);
        using var closed = new ClosedLoopbackPort();
        var logs = new CapturingLoggerProvider();
        await using var factory = new BotHostFactory(
            new Dictionary<string, string?>
            {
                ["QaBot:Corpus:Path"] = corpus.Path,
                ["QaBot:Bot:MicrosoftAppId"] = AppId,
                ["QaBot:Bot:MicrosoftAppPassword"] = AppPassword,
                ["QaBot:Bot:OpenIdMetadataUrl"] = server.MetadataUrl,
                ["QaBot:Bot:ValidIssuers:0"] = FakeBotFrameworkServer.Issuer,
                ["QaBot:Bot:TokenEndpoint"] = server.TokenEndpoint,
                ["QaBot:Bot:RequireHttpsMetadata"] = "false",
                ["QaBot:Bot:AllowLoopbackServiceUrls"] = "true",
                ["QaBot:Bot:PublicBaseUrl"] = "https://qabot.example.com/",
                ["QaBot:Llm:Provider"] = "OpenAICompatible",
                ["QaBot:Llm:Endpoint"] = closed.BaseUrl + "/v1",
                ["QaBot:Llm:Model"] = "unreachable-model",
                ["QaBot:Llm:ApiKey"] = LlmApiKey,
                ["QaBot:Llm:MaxRetries"] = "0",
                ["Logging:LogLevel:Default"] = "Trace",
            },
            realServices: true)
        { Logs = logs };

        // Program reads the composer name while it registers services, before the factory's in-memory
        // settings apply; a host setting is there from the start.
        await using var host = factory.WithWebHostBuilder(b => b.UseSetting("QaBot:Answering:Composer", "SemanticKernel"));
        using var client = host.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(2));

        // A good request: the LLM is unreachable, so the extractive composer answers; the reply goes
        // to the connector with the bot's own token.
        var goodToken = server.CreateToken(AppId, server.ServiceUrl);
        using (var response = await SendAsync(client, server.ServiceUrl, $"How many containers did the harbour of {HarbourCorpus.Town(2)} handle?", goodToken))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var reply = await server.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(30));
        Assert.Contains(HarbourCorpus.Containers(2).ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Activity["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var botToken = reply.Authorization["Bearer ".Length..];

        // Refused requests: expired, forged signature, and a good token with a forged serviceUrl.
        using var otherKey = RSA.Create(2048);
        var expired = server.CreateToken(AppId, server.ServiceUrl, d => { d.IssuedAt = DateTime.UtcNow.AddHours(-3); d.NotBefore = DateTime.UtcNow.AddHours(-3); d.Expires = DateTime.UtcNow.AddHours(-1); });
        var forged = server.CreateToken(AppId, server.ServiceUrl, signWith: new RsaSecurityKey(otherKey) { KeyId = server.SigningKey.KeyId });
        foreach (var token in (string[])[expired, forged])
        {
            using var response = await SendAsync(client, server.ServiceUrl, "hi", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await SendAsync(client, "https://attacker.example.com/", "hi", server.CreateToken(AppId, "https://attacker.example.com/")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("composer failed", StringComparison.Ordinal)); // the LLM path ran and was logged
        Assert.Contains(lines, l => l.Contains("Rejected a request", StringComparison.Ordinal)); // refusals were logged
        foreach (var (name, secret) in new[]
        {
            ("app password", AppPassword), ("LLM API key", LlmApiKey), ("bot token", botToken),
            ("caller token", goodToken), ("caller token signature", Signature(goodToken)),
            ("expired token", expired), ("forged token", forged), ("forged token signature", Signature(forged)),
        })
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"the {name} appears in a log line: {leak}");
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string serviceUrl, string text, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = ActivityJson.Content(ActivityJson.Message(text, serviceUrl: serviceUrl, conversationId: "secrets-" + Guid.NewGuid().ToString("N")[..8])),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static string Signature(string jwt) => jwt[(jwt.LastIndexOf('.') + 1)..];

}
