namespace QaBot.Bot.Channel;

/// <summary>Quick replies shown under a message (schema v3 <c>SuggestedActions</c>).</summary>
public sealed class SuggestedActions
{
    public List<CardAction> Actions { get; set; } = [];

    public List<string>? To { get; set; }
}
