using System.Text.Json.Nodes;

namespace QaBot.Bot.Channel;

/// <summary>A card or file attached to an activity (schema v3 <c>Attachment</c>).</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }

    public string? ContentUrl { get; set; }

    public JsonNode? Content { get; set; }

    public string? Name { get; set; }
}
