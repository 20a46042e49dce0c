using System.Text.Json.Serialization;

namespace QaBot.Bot.Channel;

/// <summary>A user or bot in a conversation (Bot Framework schema v3 <c>ChannelAccount</c>).</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>"user" or "bot" (Web Chat uses it to place the bubble).</summary>
    public string? Role { get; set; }

    [JsonPropertyName("aadObjectId")]
    public string? AadObjectId { get; set; }
}
