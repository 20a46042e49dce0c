using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>Builds incoming activities as channels send them, and reads the bot's answers.</summary>
public static class ActivityJson
{
    public static JsonObject Message(string text, string serviceUrl = "http://127.0.0.1:9/", string conversationId = "conv-1", string? deliveryMode = null, string channelId = "directline")
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "act-" + Guid.NewGuid().ToString("N"), // unique: a repeated id is a replay and gets no answer
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = channelId,
            ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "User" },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "QaBot" },
            ["text"] = text,
        };
        if (deliveryMode is not null)
        {
            activity["deliveryMode"] = deliveryMode;
        }

        return activity;
    }

    public static StringContent Content(JsonNode activity) => new(activity.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<JsonArray> ExpectedRepliesAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["activities"]!.AsArray();
    }

    public static JsonObject? CitationEntity(JsonNode activity) =>
        activity["entities"]?.AsArray().Select(e => e!.AsObject()).FirstOrDefault(e => e["type"]?.GetValue<string>() == "https://schema.org/Message");
}
