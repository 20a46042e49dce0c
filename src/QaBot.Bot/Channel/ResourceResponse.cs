namespace QaBot.Bot.Channel;

/// <summary>What the Bot Connector returns for a sent activity: the id it was given.</summary>
public sealed record ResourceResponse(string? Id);
