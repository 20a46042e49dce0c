namespace QaBot.Bot.Channel;

/// <summary>A button (schema v3 <c>CardAction</c>); <c>imBack</c> posts <see cref="Value"/> as the user's message.</summary>
public sealed class CardAction
{
    public string Type { get; set; } = "imBack";

    public string? Title { get; set; }

    public string? Value { get; set; }
}
