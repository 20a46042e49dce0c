namespace QaBot.Bot.Channel;

/// <summary>A failure talking to the Bot Framework (token endpoint, connector) with a message fit for logs.</summary>
public sealed class BotChannelException : Exception
{
    public BotChannelException(string message)
        : base(message)
    {
    }

    public BotChannelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
