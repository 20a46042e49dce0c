namespace QaBot.Bot.Channel;

/// <summary>The conversation an activity belongs to (schema v3 <c>ConversationAccount</c>).</summary>
public sealed class ConversationAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>"personal", "groupChat" or "channel" in Teams.</summary>
    public string? ConversationType { get; set; }

    public bool? IsGroup { get; set; }

    public string? TenantId { get; set; }
}
