using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Bot.WebChat;

namespace QaBot.Bot.Tests.WebChat;

/// <summary>
/// Issue 12, rows 1 and 2, on the real host: the anonymous web chat API cannot be used to push an active
/// conversation out (creation is rate-limited per client, and a full hub drops only idle or never-used
/// conversations, else refuses new ones), and it cannot be used to fill memory (oversized activities are
/// refused, stored activities are capped in bytes per conversation).
/// </summary>
public sealed class WebChatLimitsTests
{
    [Fact]
    public async Task AnActiveConversationKeepsWorkingWhileAFloodOfAnonymousConversationsIsRateLimited()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        var victim = await StartAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await PostMessageAsync(client, victim, "Who did Jaishankar meet?")).StatusCode);

        var statuses = new Dictionary<HttpStatusCode, int>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 2_300; i++)
        {
            var response = await client.PostAsync(new Uri("/webchat/conversations", UriKind.Relative), null);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode == HttpStatusCode.TooManyRequests && refused is null)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        // One client gets a handful per minute (two windows at most during the loop); the rest are 429.
        var options = new WebChatOptions();
        Assert.InRange(statuses.GetValueOrDefault(HttpStatusCode.Created), 0, 2 * options.ConversationsPerClientPerMinute);
        Assert.Equal(2_300 - statuses.GetValueOrDefault(HttpStatusCode.Created), statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        // The victim's conversation still answers.
        using var stream = await OpenStreamAsync(client, victim);
        var posted = await PostMessageAsync(client, victim, "What did they discuss?");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await stream.ReadUntilAsync(a => a["type"]!.GetValue<string>() == "message" && a["replyToId"]?.GetValue<string>() == id, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AFullHubMakesRoomFromUnusedConversationsAndNeverDropsOneInUse()
    {
        const int capacity = 20;
        await using var factory = new BotHostFactory(new Dictionary<string, string?>
        {
            ["QaBot:WebChat:MaxConversations"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["QaBot:WebChat:ConversationsPerClientPerMinute"] = "100000",
        });
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        var used = await StartAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await PostMessageAsync(client, used, "Who did Jaishankar meet?")).StatusCode);
        var reading = await StartAsync(client);
        using var readingStream = await OpenStreamAsync(client, reading);

        // Ten times the capacity of conversations nobody uses: each one makes room for the next.
        var flood = new List<string>();
        for (var i = 0; i < 10 * capacity; i++)
        {
            flood.Add(await StartAsync(client));
        }

        var hub = factory.Services.GetRequiredService<WebChatConversationHub>();
        Assert.InRange(hub.Count, 1, capacity);
        Assert.Equal(HttpStatusCode.OK, (await PostMessageAsync(client, used, "And then?")).StatusCode);
        Assert.NotNull(hub.Find(reading));

        // Once every conversation is in use, a new one is refused instead of an active one dropped.
        var inUse = new List<string> { used };
        foreach (var conversation in flood.Where(c => hub.Find(c) is not null))
        {
            Assert.Equal(HttpStatusCode.OK, (await PostMessageAsync(client, conversation, "Who?")).StatusCode);
            inUse.Add(conversation);
        }

        Assert.Equal(capacity, inUse.Count + 1);

        using var full = await client.PostAsync(new Uri("/webchat/conversations", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(full.Headers.RetryAfter);
        foreach (var conversation in inUse)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostMessageAsync(client, conversation, "Still there?")).StatusCode);
        }
    }

    [Fact]
    public async Task AnOversizedEventIsRefusedAndNotStored()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        var conversation = await StartAsync(client);

        using var response = await PostEventAsync(client, conversation, 240 * 1024);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var (stored, _) = factory.Services.GetRequiredService<WebChatConversationHub>().Find(conversation)!.ReadFrom(0);
        Assert.DoesNotContain(stored, a => a.Json.Contains("\"flood\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThreeHundredEventsJustUnderTheLimitLeaveAConversationWithinItsByteBudget()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        var conversation = await StartAsync(client);
        var options = new WebChatOptions();

        for (var i = 0; i < 300; i++)
        {
            using var response = await PostEventAsync(client, conversation, options.MaxActivityBytes - 1024);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var stored = factory.Services.GetRequiredService<WebChatConversationHub>().Find(conversation)!;
        Assert.InRange(stored.StoredBytes, 1, options.MaxConversationBytes);

        // A reader resuming from the start gets what is still held: the newest events, in order.
        var (activities, _) = stored.ReadFrom(0);
        Assert.InRange(activities.Count, 2, 300);
        Assert.Equal(activities.Select(a => a.Watermark).Order(), activities.Select(a => a.Watermark));
        Assert.Equal(300, activities[^1].Watermark);
    }

    private static async Task<string> StartAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/webchat/conversations", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> PostMessageAsync(HttpClient client, string conversationId, string text) =>
        client.PostAsync(
            new Uri($"/webchat/conversations/{conversationId}/activities", UriKind.Relative),
            ActivityJson.Content(new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "webchat-user", ["role"] = "user" } }));

    private static Task<HttpResponseMessage> PostEventAsync(HttpClient client, string conversationId, int bytes)
    {
        var activity = new JsonObject
        {
            ["type"] = "event",
            ["name"] = "flood",
            ["value"] = string.Empty,
            ["from"] = new JsonObject { ["id"] = "webchat-user", ["role"] = "user" },
        };
        var padding = bytes - Encoding.UTF8.GetByteCount(activity.ToJsonString());
        activity["value"] = new string('x', Math.Max(0, padding));
        return client.PostAsync(new Uri($"/webchat/conversations/{conversationId}/activities", UriKind.Relative), ActivityJson.Content(activity));
    }

    private static async Task<SseReader> OpenStreamAsync(HttpClient client, string conversationId)
    {
        var response = await client.GetAsync(new Uri($"/webchat/conversations/{conversationId}/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(await response.Content.ReadAsStreamAsync());
    }
}
