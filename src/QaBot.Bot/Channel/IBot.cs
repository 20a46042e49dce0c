namespace QaBot.Bot.Channel;

/// <summary>The bot's logic for one incoming activity (the SDK's <c>IBot</c>).</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken = default);
}
