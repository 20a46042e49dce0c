using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.WebChat;

public sealed class WebChatApiTests : IAsyncLifetime
{
    private readonly BotHostFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        await Readiness.WaitAsync(_client, TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task AConversationStartsWithAWelcomeThenEchoesTheUsersMessageAndAnswersIt()
    {
        var conversationId = await StartConversationAsync();
        using var sse = await OpenStreamAsync(conversationId);

        var welcome = await sse.ReadUntilAsync(a => a["type"]!.GetValue<string>() == "message", TimeSpan.FromSeconds(10));
        Assert.Contains("QaBot", welcome["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("bot", welcome["from"]!["role"]!.GetValue<string>());

        var id = await PostAsync(conversationId, "Who did Jaishankar meet at the Pentagon?", "client-1");

        var echo = await sse.ReadUntilAsync(a => a["id"]!.GetValue<string>() == id, TimeSpan.FromSeconds(10));
        Assert.Equal("client-1", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());

        var answer = await sse.ReadUntilAsync(a => a["type"]!.GetValue<string>() == "message" && a["replyToId"]?.GetValue<string>() == id, TimeSpan.FromSeconds(10));
        Assert.Contains("Hegseth", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(ActivityJson.CitationEntity(answer));
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Contains(sse.Activities, a => a["type"]!.GetValue<string>() == "typing");
    }

    [Fact]
    public async Task StreamedTextArrivesAsTypingUpdatesThenAFinalMessageWithTheSameStreamId()
    {
        _factory.Answering.Deltas = ["Jaishankar ", "met Pete Hegseth ", "at the Pentagon [1]."];
        var conversationId = await StartConversationAsync();
        using var sse = await OpenStreamAsync(conversationId);
        var id = await PostAsync(conversationId, "Who did Jaishankar meet?", "client-2");

        var final = await sse.ReadUntilAsync(a => a["type"]!.GetValue<string>() == "message" && a["replyToId"]?.GetValue<string>() == id, TimeSpan.FromSeconds(10));

        var updates = sse.Activities.Where(a => a["type"]!.GetValue<string>() == "typing" && a["text"] is not null).ToList();
        Assert.Equal(4, updates.Count);
        Assert.Equal(["informative", "streaming", "streaming", "streaming"], updates.Select(u => u["channelData"]!["streamType"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3, 4], updates.Select(u => u["channelData"]!["streamSequence"]!.GetValue<int>()));
        Assert.Equal("Jaishankar met Pete Hegseth at the Pentagon [1].", updates[3]["text"]!.GetValue<string>());
        var streamId = updates[0]["id"]!.GetValue<string>();

        // The web chat gives the stream's first activity its own id as streamId, so Web Chat keeps each turn's stream in its place.
        Assert.Equal(streamId, updates[0]["channelData"]!["streamId"]!.GetValue<string>());
        Assert.All(updates.Skip(1), u => Assert.Equal(streamId, u["channelData"]!["streamId"]!.GetValue<string>()));
        Assert.Contains(updates[1]["entities"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "streaminfo");

        Assert.Equal("final", final["channelData"]!["streamType"]!.GetValue<string>());
        Assert.Equal(streamId, final["channelData"]!["streamId"]!.GetValue<string>());
        Assert.NotNull(ActivityJson.CitationEntity(final));
        Assert.Contains(final["entities"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "streaminfo" && e["streamType"]!.GetValue<string>() == "final");
    }

    [Fact]
    public async Task AReconnectingStreamResumesAfterTheLastEventId()
    {
        var conversationId = await StartConversationAsync();
        string id;
        using (var first = await OpenStreamAsync(conversationId))
        {
            await first.ReadUntilAsync(a => a["type"]!.GetValue<string>() == "message", TimeSpan.FromSeconds(10));
            id = await PostAsync(conversationId, "Who did Jaishankar meet?", "client-3");
            await first.ReadUntilAsync(a => a["type"]!.GetValue<string>() == "message" && a["replyToId"]?.GetValue<string>() == id, TimeSpan.FromSeconds(10));
        }

        var echoWatermark = int.Parse(id.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/webchat/conversations/{conversationId}/stream");
        request.Headers.Add("Last-Event-ID", echoWatermark.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var resumed = new SseReader(await response.Content.ReadAsStreamAsync());
        var next = await resumed.ReadUntilAsync(_ => true, TimeSpan.FromSeconds(10));

        Assert.Equal($"{conversationId}|{echoWatermark + 1:D7}", next["id"]!.GetValue<string>());
        Assert.Equal(id, next["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostingToAnUnknownConversationGets404()
    {
        using var response = await _client.PostAsJsonAsync("/webchat/conversations/nope/activities", new { type = "message", text = "hi" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABadWebChatActivityGets400()
    {
        var conversationId = await StartConversationAsync();

        using var response = await _client.PostAsync($"/webchat/conversations/{conversationId}/activities", new StringContent("{\"text\": 5}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ThePageAndTheWebChatBundleAreServed()
    {
        var page = await _client.GetStringAsync("/");
        Assert.Contains("lib/webchat.js", page, StringComparison.Ordinal);
        Assert.Contains("<title>QaBot", page, StringComparison.Ordinal);

        using var bundle = await _client.GetAsync("/lib/webchat.js", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000);
    }

    private async Task<string> StartConversationAsync()
    {
        using var response = await _client.PostAsync("/webchat/conversations", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!.GetValue<string>();
    }

    private async Task<SseReader> OpenStreamAsync(string conversationId)
    {
        var response = await _client.GetAsync($"/webchat/conversations/{conversationId}/stream", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(await response.Content.ReadAsStreamAsync());
    }

    private async Task<string> PostAsync(string conversationId, string text, string clientActivityId)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = "webchat-user", ["role"] = "user" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        };
        using var response = await _client.PostAsync($"/webchat/conversations/{conversationId}/activities", ActivityJson.Content(activity));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
