using System.Text;
using System.Text.Json;
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
            await turn.SendActivityAsync(readiness.IsUnavailable ? IndexReadiness.UnavailableMessage : IndexReadiness.IndexingMessage, cancellationToken).ConfigureAwait(false);
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
        var history = await ReadHistoryAsync(key, settings.HistoryTurns, cancellationToken).ConfigureAwait(false);

        var streamed = new StringBuilder();
        var maxStreamTextBytes = settings.MaxReplyBytes - StreamEnvelopeBytes;
        var streamFull = false;
        Answer? answer = null;
        await foreach (var update in answering.AskStreamingAsync(question, history, cancellationToken).ConfigureAwait(false))
        {
            if (update.Final is { } final)
            {
                answer = final;
            }
            else if (!string.IsNullOrEmpty(update.TextDelta) && turn.SupportsStreaming && !streamFull)
            {
                streamed.Append(update.TextDelta);
                var preview = ChannelText.EscapeMarkdownText(streamed.ToString());
                if (JsonTextBytes(preview) > maxStreamTextBytes)
                {
                    // The preview is full: show as much as fits and let the final message complete it.
                    preview = FitJsonText(preview, maxStreamTextBytes);
                    streamFull = true;
                }

                await stream.UpdateAsync(preview, cancellationToken).ConfigureAwait(false);
            }
        }

        if (answer is null)
        {
            throw new InvalidOperationException("The answering service finished without a final answer.");
        }

        var reply = stream.Complete(replies.Create(turn.Activity, answer, turn.PublicBaseUri, stream.HasStarted ? StreamEnvelopeBytes : 0));
        await turn.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        LogAnswered(logger, turn.Activity.ChannelId, answer.Citations.Count, answer.Declined, answer.Composer, answer.Elapsed.TotalMilliseconds);

        await SaveHistoryAsync(key, question, answer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The conversation's earlier turns; none when the history cannot be read (the question is still answered).</summary>
    private async Task<IReadOnlyList<ConversationTurn>> ReadHistoryAsync(string key, int maxTurns, CancellationToken cancellationToken)
    {
        try
        {
            return await conversations.GetRecentTurnsAsync(key, maxTurns, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryReadFailed(logger, ex);
            return [];
        }
    }

    /// <summary>
    /// Records the question and its answer for follow-ups. The answer has been sent by now: a failure to save
    /// (a full disk, a read-only file) is logged, and the user is not sent an error after their answer.
    /// </summary>
    private async Task SaveHistoryAsync(string key, string question, Answer answer, CancellationToken cancellationToken)
    {
        try
        {
            await conversations.AppendTurnsAsync(
                key,
                [new ConversationTurn(ConversationRole.User, question), new ConversationTurn(ConversationRole.Assistant, answer.Text)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistorySaveFailed(logger, ex);
        }
    }

    /// <summary>
    /// Bytes under <see cref="BotChannelOptions.MaxReplyBytes"/> kept for what surrounds streamed text: the
    /// activity's ids, addresses and the streaming metadata added to the final message.
    /// </summary>
    private const int StreamEnvelopeBytes = 4 * 1024;

    /// <summary>Size of the text as it goes on the wire: UTF-8, JSON-escaped as <see cref="BotJson"/> writes it.</summary>
    private static int JsonTextBytes(string text) => JsonEncodedText.Encode(text, BotJson.Options.Encoder).EncodedUtf8Bytes.Length;

    /// <summary>Cuts the text (never inside a <c>[n]</c> marker) until its JSON form takes at most <paramref name="maxBytes"/>.</summary>
    private static string FitJsonText(string text, int maxBytes)
    {
        while (text.Length > 0 && JsonTextBytes(text) > maxBytes)
        {
            var utf8 = Encoding.UTF8.GetByteCount(text);
            var cut = ChannelText.TruncateKeepingMarkers(text, (int)Math.Min(utf8 - 1L, (long)utf8 * maxBytes / JsonTextBytes(text)));
            text = cut.Length < text.Length ? cut : string.Empty;
        }

        return text;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving the conversation history failed; the answer was sent, but a follow-up will not see this turn")]
    private static partial void LogHistorySaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the conversation history failed; the question is answered without its earlier turns")]
    private static partial void LogHistoryReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {ActivityType} activity")]
    private static partial void LogIgnored(ILogger logger, string? activityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a question of {Length} characters (limit {Limit})")]
    private static partial void LogQuestionTooLong(ILogger logger, int length, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered on {ChannelId} with {CitationCount} citations (declined: {Declined}, composer: {Composer}, {ElapsedMs:F0} ms)")]
    private static partial void LogAnswered(ILogger logger, string? channelId, int citationCount, bool declined, string composer, double elapsedMs);
}
