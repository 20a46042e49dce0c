using System.Text;
using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;
using QaBot.Bot.Hosting;
using QaBot.Core.Answering;
using QaBot.Core.Conversations;

namespace QaBot.Bot.Turns;

/// <summary>
/// QaBot's turn logic, and all of it: a message is answered by <see cref="IAnsweringService"/> with the
/// conversation's earlier turns (typing first, streamed text where the channel shows it, then the cited
/// answer); the bot joining a conversation is welcomed; anything else is ignored.
/// </summary>
public sealed partial class QaBotActivityHandler(
    IAnsweringService answering,
    IConversationStore conversations,
    IndexReadiness readiness,
    AnswerActivityFactory replies,
    IOptions<BotChannelOptions> options,
    TimeProvider timeProvider,
    ILogger<QaBotActivityHandler> logger) : IBot
{
    public Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Type switch
        {
            ActivityTypes.Message => OnMessageAsync(turnContext, cancellationToken),
            ActivityTypes.ConversationUpdate => OnConversationUpdateAsync(turnContext, cancellationToken),
            _ => Ignore(turnContext.Activity.Type),
        };
    }

    private async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var question = ChannelText.CleanIncoming(turn.Activity.Text);
        if (question.Length == 0)
        {
            var hasAttachments = turn.Activity.Attachments is { Count: > 0 };
            await turn.SendActivityAsync(
                hasAttachments
                    ? "I can only read typed questions, not attachments. Please ask about the news articles in words."
                    : "Please type a question about the news articles, for example: " + WelcomeMessage.ExampleQuestions[0],
                cancellationToken).ConfigureAwait(false);
            return;
        }

        if (question.Length > settings.MaxQuestionChars)
        {
            LogQuestionTooLong(logger, question.Length, settings.MaxQuestionChars);
            await turn.SendActivityAsync(
                $"That message is too long for me ({question.Length:N0} characters). Please ask a shorter question (up to {settings.MaxQuestionChars:N0} characters).",
                cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!readiness.IsReady)
        {
            await turn.SendActivityAsync("I'm still reading the news articles. Please ask again in a moment.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var stream = new StreamingResponse(turn, TimeSpan.FromMilliseconds(settings.StreamingIntervalMilliseconds), timeProvider);
        if (turn.SupportsStreaming)
        {
            await stream.SendInformativeAsync("Searching the news articles…", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await turn.SendTypingAsync(cancellationToken).ConfigureAwait(false);
        }

        var key = ConversationKey.For(turn.Activity);
        var history = await conversations.GetRecentTurnsAsync(key, settings.HistoryTurns, cancellationToken).ConfigureAwait(false);

        var streamed = new StringBuilder();
        var maxStreamChars = settings.MaxReplyBytes / 4;
        Answer? answer = null;
        await foreach (var update in answering.AskStreamingAsync(question, history, cancellationToken).ConfigureAwait(false))
        {
            if (update.Final is { } final)
            {
                answer = final;
            }
            else if (!string.IsNullOrEmpty(update.TextDelta) && turn.SupportsStreaming && streamed.Length < maxStreamChars)
            {
                streamed.Append(update.TextDelta);
                await stream.UpdateAsync(ChannelText.EscapeMarkdownText(streamed.ToString()), cancellationToken).ConfigureAwait(false);
            }
        }

        if (answer is null)
        {
            throw new InvalidOperationException("The answering service finished without a final answer.");
        }

        var reply = stream.Complete(replies.Create(turn.Activity, answer, turn.PublicBaseUri));
        await turn.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        LogAnswered(logger, turn.Activity.ChannelId, answer.Citations.Count, answer.Declined, answer.Composer, answer.Elapsed.TotalMilliseconds);

        await conversations.AppendTurnsAsync(
            key,
            [new ConversationTurn(ConversationRole.User, question), new ConversationTurn(ConversationRole.Assistant, answer.Text)],
            cancellationToken).ConfigureAwait(false);
    }

    private async Task OnConversationUpdateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var botId = turn.Activity.Recipient?.Id;
        var botAdded = turn.Activity.MembersAdded?.Any(m => m.Id is not null && string.Equals(m.Id, botId, StringComparison.Ordinal)) ?? false;
        if (!botAdded)
        {
            return;
        }

        await turn.SendActivityAsync(WelcomeMessage.Create(turn.Activity), cancellationToken).ConfigureAwait(false);
    }

    private Task Ignore(string? activityType)
    {
        LogIgnored(logger, activityType);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {ActivityType} activity")]
    private static partial void LogIgnored(ILogger logger, string? activityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a question of {Length} characters (limit {Limit})")]
    private static partial void LogQuestionTooLong(ILogger logger, int length, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered on {ChannelId} with {CitationCount} citations (declined: {Declined}, composer: {Composer}, {ElapsedMs:F0} ms)")]
    private static partial void LogAnswered(ILogger logger, string? channelId, int citationCount, bool declined, string composer, double elapsedMs);
}
