using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Bot.WebChat;
using QaBot.Testing;
using Xunit.Abstractions;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 12, row 2, measured on the real bot process: 300 events of 240 KB posted into one web chat
/// conversation (the attack that grew the bot by 166–179 MB in 3 s) are refused, and 300 events just under
/// the activity limit are stored only up to the conversation's byte budget. The process's resident set,
/// read from /proc after a warm-up, must stay within 50 MB of where it started.
/// </summary>
public sealed class WebChatMemoryTests(ITestOutputHelper output)
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    [Fact]
    public async Task ResidentMemoryStaysWithinFiftyMegabytesUnderAFloodOfLargeEvents()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var temp = new TempFolder();
        HarbourCorpus.Write(Path.Combine(temp.Path, "corpus"), 3);
        using var bot = await BotProcess.StartAsync(new Dictionary<string, string>
        {
            ["QaBot__Corpus__Path"] = Path.Combine(temp.Path, "corpus"),
            ["QaBot__Storage__DatabasePath"] = temp.File("qabot.db"),
            ["QaBot__Conversations__DatabasePath"] = temp.File("conversations.db"),
            ["QaBot__Embeddings__Provider"] = "Ollama",
            ["QaBot__Embeddings__Ollama__Endpoint"] = embeddings.BaseUrl,
            ["QaBot__Embeddings__Ollama__Model"] = "fake-hashed-words",
            ["QaBot__Embeddings__Ollama__Dimensions"] = embeddings.Dimensions.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        using var client = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(2));

        using var started = await client.PostAsync(new Uri("webchat/conversations", UriKind.Relative), null);
        var conversation = (await started.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!.GetValue<string>();
        using var stream = await client.GetAsync(new Uri($"webchat/conversations/{conversation}/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var drain = DrainAsync(await stream.Content.ReadAsStreamAsync());
        var limits = new WebChatOptions();

        // Warm-up: the code paths of both attacks, so the JIT, pools and the heap's working size settle.
        await PostEventsAsync(client, conversation, 30, 240 * 1024, HttpStatusCode.RequestEntityTooLarge);
        await PostEventsAsync(client, conversation, 60, limits.MaxActivityBytes - 1024, HttpStatusCode.OK);
        var before = bot.ResidentBytes();

        await PostEventsAsync(client, conversation, 300, 240 * 1024, HttpStatusCode.RequestEntityTooLarge);
        var afterRefused = bot.ResidentBytes();
        await PostEventsAsync(client, conversation, 300, limits.MaxActivityBytes - 1024, HttpStatusCode.OK);
        var afterStored = bot.ResidentBytes();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS before {before / 1048576.0:F1} MiB; after 300 × 240 KB events (refused) {afterRefused / 1048576.0:F1} MiB ({(afterRefused - before) / 1048576.0:+0.0;-0.0} MiB); after 300 × {(limits.MaxActivityBytes - 1024) / 1024} KB events (stored up to the budget) {afterStored / 1048576.0:F1} MiB ({(afterStored - before) / 1048576.0:+0.0;-0.0} MiB)"));
        Assert.True(afterRefused - before < FiftyMegabytes, $"RSS grew by {(afterRefused - before) / 1048576.0:F1} MiB under 300 refused 240 KB events");
        Assert.True(afterStored - before < FiftyMegabytes, $"RSS grew by {(afterStored - before) / 1048576.0:F1} MiB under 300 stored events");

        // The bot still answers in that conversation.
        using var health = await client.GetAsync(new Uri("readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        GC.KeepAlive(drain);
    }

    private static async Task PostEventsAsync(HttpClient client, string conversation, int count, int bytes, HttpStatusCode expected)
    {
        var activity = new JsonObject { ["type"] = "event", ["name"] = "flood", ["from"] = new JsonObject { ["id"] = "webchat-user", ["role"] = "user" }, ["value"] = string.Empty };
        activity["value"] = new string('x', bytes - Encoding.UTF8.GetByteCount(activity.ToJsonString()));
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString());
        for (var i = 0; i < count; i++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri($"webchat/conversations/{conversation}/activities", UriKind.Relative), content);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    /// <summary>Reads the conversation's event stream to its end, as a browser tab would.</summary>
    private static async Task DrainAsync(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException)
        {
            // The test ended and disposed the stream.
        }
    }
}
