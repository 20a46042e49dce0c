using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.Channel;

/// <summary>
/// Issue 7, point 1: every kind of bad activity gets a clear 4xx as ProblemDetails (or, for odd but valid
/// messages, a polite reply), never a 500 or a stack trace, and the bot keeps serving afterwards.
/// </summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.Host>
{
    private const int Polite = 200;
    private readonly Host _host;

    public BadInputTests(Host host) => _host = host;

    public static TheoryData<string, string?, string, int> Cases()
    {
        static string With(Action<JsonObject> change)
        {
            var activity = ActivityJson.Message("Who did Jaishankar meet?", deliveryMode: "expectReplies");
            change(activity);
            return activity.ToJsonString();
        }

        const string json = "application/json";
        var nested = new string('[', 60) + new string(']', 60);
        return new TheoryData<string, string?, string, int>
        {
            { "invalid JSON", json, "{\"type\": \"message\", ", 400 },
            { "JSON array", json, "[1, 2, 3]", 400 },
            { "JSON null", json, "null", 400 },
            { "JSON string", json, "\"hello\"", 400 },
            { "empty body", json, string.Empty, 400 },
            { "text/plain content type", "text/plain", With(_ => { }), 415 },
            { "no content type", null, With(_ => { }), 415 },
            { "form content type", "application/x-www-form-urlencoded", "type=message&text=hi", 415 },
            { "missing type", json, With(a => a.Remove("type")), 400 },
            { "empty type", json, With(a => a["type"] = ""), 400 },
            { "type with markup", json, With(a => a["type"] = "<script>"), 400 },
            { "type is a number", json, With(a => a["type"] = 42), 400 },
            { "missing conversation", json, With(a => a.Remove("conversation")), 400 },
            { "conversation without id", json, With(a => a["conversation"] = new JsonObject()), 400 },
            { "conversation is a string", json, With(a => a["conversation"] = "conv-1"), 400 },
            { "conversation id with control characters", json, With(a => a["conversation"] = new JsonObject { ["id"] = "conv\u0000\u0007" }), 400 },
            { "missing serviceUrl", json, With(a => a.Remove("serviceUrl")), 400 },
            { "serviceUrl not a URL", json, With(a => a["serviceUrl"] = "not a url"), 400 },
            { "serviceUrl ftp", json, With(a => a["serviceUrl"] = "ftp://127.0.0.1/"), 400 },
            { "serviceUrl javascript", json, With(a => a["serviceUrl"] = "javascript:alert(1)"), 400 },
            { "serviceUrl file", json, With(a => a["serviceUrl"] = "file:///etc/passwd"), 400 },
            { "serviceUrl of an arbitrary host", json, With(a => a["serviceUrl"] = "https://attacker.example.com/"), 403 },
            { "serviceUrl with credentials", json, With(a => a["serviceUrl"] = "http://user:pass@127.0.0.1/"), 403 },
            { "text is a number", json, With(a => a["text"] = 12345), 400 },
            { "entities is an object", json, With(a => a["entities"] = new JsonObject()), 400 },
            { "attachments is a string", json, With(a => a["attachments"] = "file.png"), 400 },
            { "timestamp not a date", json, With(a => a["timestamp"] = "yesterday"), 400 },
            { "from is an array", json, With(a => a["from"] = new JsonArray()), 400 },
            { "deeply nested JSON", json, With(a => a["value"] = JsonNode.Parse(nested)), 400 },
            { "body over the size limit", json, With(a => a["text"] = new string('x', 300 * 1024)), 413 },
            { "message of 100,000 characters", json, With(a => a["text"] = string.Concat(Enumerable.Repeat("Jaishankar ", 10_000)).PadRight(100_000, 'x')), Polite },
            { "empty text", json, With(a => a["text"] = ""), Polite },
            { "whitespace and control characters only", json, With(a => a["text"] = " \u0000\u0001\t\r\n "), Polite },
            { "attachments only", json, With(a => { a.Remove("text"); a["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "https://example.com/a.png" }); }), Polite },
            { "control characters and mixed scripts", json, With(a => a["text"] = "Jaishankar\u0000\u0007 会谈 مرحبا Пентагон \u202e\ud83d\ude00 Hegseth?"), Polite },
            { "lone surrogate", json, With(a => a["text"] = "Jaishankar \ud800 met?"), Polite },
            { "unknown fields are kept and ignored", json, With(a => a["someFutureField"] = new JsonObject { ["x"] = 1 }), Polite },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadActivitiesGetAClear4xxOrAPoliteReplyAndNeverA500(string name, string? contentType, string body, int expectedStatus)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        }

        var started = DateTime.UtcNow;
        using var response = await _host.Client.PostAsync("/api/messages", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == expectedStatus, $"{name}: expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), $"{name} took too long");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        if (expectedStatus >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(text)!;
            Assert.Equal(expectedStatus, problem["status"]!.GetValue<int>());
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), $"{name}: the problem has no detail");
        }
        else
        {
            var replies = JsonNode.Parse(text)!["activities"]!.AsArray();
            Assert.Contains(replies, r => r!["type"]!.GetValue<string>() == "message" && r["text"]!.GetValue<string>().Length > 0);
        }

        // The bot keeps serving.
        using var after = await _host.Client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message("Who did Jaishankar meet?", deliveryMode: "expectReplies")));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AHundredThousandCharacterMessageIsPolitelyRefusedWithoutReachingTheAnsweringService()
    {
        var activity = ActivityJson.Message(new string('a', 100_000), deliveryMode: "expectReplies", conversationId: "conv-long");
        var before = _host.Factory.Answering.Calls.Count(c => c.Question.Length > 50_000);

        using var response = await _host.Client.PostAsync("/api/messages", ActivityJson.Content(activity));
        var reply = (await ActivityJson.ExpectedRepliesAsync(response)).Single()!;

        Assert.Contains("too long", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, _host.Factory.Answering.Calls.Count(c => c.Question.Length > 50_000));
    }

    public sealed class Host : IAsyncLifetime
    {
        public BotHostFactory Factory { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Client = Factory.CreateClient();
            await Readiness.WaitAsync(Client, TimeSpan.FromSeconds(20));
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
