namespace QaBot.Bot.Channel;

/// <summary>Bearer tokens for the bot's outgoing calls (the SDK's <c>AppCredentials</c>); null when anonymous.</summary>
public interface IAppCredentials
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken = default);
}
