using System.Text.Json;
using System.Text.Json.Nodes;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>An activity the bot sent to the connector, with the path it used and its Authorization header.</summary>
public sealed record ReceivedActivity(string ConversationId, string? ReplyToId, string Authorization, JsonObject Activity)
{
    public string? Type => Activity["type"]?.GetValue<string>();

    public string? Text => Activity["text"]?.GetValue<string>();

    public override string ToString() => Activity.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
