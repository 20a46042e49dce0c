using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;
using System.Globalization;
using System.Text.Json.Nodes;
using QaBot.Bot.Hosting;
using QaBot.Bot.WebChat;
using QaBot.Core.Answering;
using QaBot.Core.Channels;
using QaBot.Core.Conversations;

namespace QaBot.Bot.Turns;

/// <summary>
/// QaBot's turn logic, and all of it: a message is answered by <see cref="IAnsweringService"/> with the
/// conversation's earlier turns (an informative "Searching N articles…" first, streamed text where the
/// channel shows it, then the cited answer, which is kept so feedback can refer to it); feedback — Teams'
/// <c>message/submitAction</c> invoke, Web Chat's thumbs and comment card — is stored with its answer; the
/// bot joining a conversation is welcomed with questions about the indexed articles; anything else is ignored.
/// </summary>
public sealed partial class QaBotActivityHandler(
    IAnsweringService answering,
    IConversationStore conversations,
    IndexReadiness readiness,
    AnswerActivityFactory replies,
    CitedPassageReader passages,
    CorpusExamples examples,
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
            ActivityTypes.Invoke when turnContext.Activity.Name == FeedbackSubmission.TeamsInvokeName => OnTeamsFeedbackAsync(turnContext, cancellationToken),
            ActivityTypes.Event when turnContext.Activity.Name == FeedbackSubmission.WebChatEventName => OnWebChatFeedbackAsync(turnContext, cancellationToken),
            _ => Ignore(turnContext.Activity.Type),
        };
    }

    private async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var question = ChannelText.CleanIncoming(turn.Activity.Text);
        if (question.Length == 0 && FeedbackSubmission.FromCommentCard(turn.Activity) is { } comment)
        {
            await OnFeedbackCommentAsync(turn, comment, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (question.Length == 0)
        {
            var hasAttachments = turn.Activity.Attachments is { Count: > 0 };
            var example = readiness.IsReady ? (await examples.GetAsync(cancellationToken).ConfigureAwait(false)).Questions.FirstOrDefault() : null;
            await turn.SendActivityAsync(
                hasAttachments
                    ? "I can only read typed questions, not attachments. Please ask about the news articles in words."
                    : "Please type a question about the news articles" + (example is null ? "." : ", for example: " + example),
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

        var corpus = await examples.GetAsync(cancellationToken).ConfigureAwait(false);
        var stream = new StreamingResponse(turn, TimeSpan.FromMilliseconds(settings.StreamingIntervalMilliseconds), timeProvider);
        if (turn.SupportsStreaming)
        {
            await stream.SendInformativeAsync(SearchingText(corpus.Documents), cancellationToken).ConfigureAwait(false);
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

        var answerId = Guid.NewGuid().ToString("N");
        var cited = await passages.ReadAsync(answer.Citations, cancellationToken).ConfigureAwait(false);
        var context = new AnswerReplyContext(answerId, cited, corpus.Questions);
        var reply = stream.Complete(replies.Create(turn.Activity, answer, context, turn.PublicBaseUri, stream.HasStarted ? StreamEnvelopeBytes : 0));
        var sent = await turn.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        LogAnswered(logger, turn.Activity.ChannelId, answer.Citations.Count, answer.Declined, answer.Composer, answer.Elapsed.TotalMilliseconds);

        var earlierQuestions = history.Where(t => t.Role == ConversationRole.User).Select(t => t.Text).ToList();
        await SaveHistoryAsync(key, question, answer, cancellationToken).ConfigureAwait(false);
        await RecordAnswerAsync(AnswerRecord.From(answerId, ConversationKey.ForConversation(turn.Activity), sent.Id, answer, earlierQuestions, timeProvider.GetUtcNow(), stream.StreamId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps the answer so feedback can refer to it; a failure is logged (the answer was sent, only feedback on it is lost).</summary>
    private async Task RecordAnswerAsync(AnswerRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await conversations.RecordAnswerAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAnswerRecordFailed(logger, ex);
        }
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

    /// <summary>"Searching 1,234 articles…": what the informative update says while the answer is found.</summary>
    public static string SearchingText(long documents) => documents switch
    {
        0 => "Searching the news articles…",
        1 => "Searching 1 article…",
        _ => string.Create(CultureInfo.InvariantCulture, $"Searching {documents:N0} articles…"),
    };

    /// <summary>Teams' thumbs and comment: stored, and answered with an invoke response of 200 whatever the outcome.</summary>
    private async Task OnTeamsFeedbackAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (FeedbackSubmission.FromTeamsInvoke(turn.Activity) is { } submission)
        {
            var saved = await conversations.SaveFeedbackAsync(ConversationKey.ForConversation(turn.Activity), submission.AnswerOrReplyId, submission.Reaction, submission.Comment, cancellationToken).ConfigureAwait(false);
            LogFeedback(logger, turn.Activity.ChannelId, submission.Reaction?.ToString() ?? "comment", saved is not null);
        }
        else
        {
            LogFeedbackUnreadable(logger, turn.Activity.ChannelId);
        }

        var response = turn.Activity.CreateReply(ActivityTypes.InvokeResponse);
        response.Value = new JsonObject { ["status"] = StatusCodes.Status200OK, ["body"] = new JsonObject() };
        await turn.SendActivityAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Web Chat's thumbs: stored, then a card asks for an optional comment.</summary>
    private async Task OnWebChatFeedbackAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (FeedbackSubmission.FromWebChatEvent(turn.Activity) is not { Reaction: { } reaction } submission)
        {
            LogFeedbackUnreadable(logger, turn.Activity.ChannelId);
            return;
        }

        var saved = await conversations.SaveFeedbackAsync(ConversationKey.ForConversation(turn.Activity), submission.AnswerOrReplyId, reaction, null, cancellationToken).ConfigureAwait(false);
        LogFeedback(logger, turn.Activity.ChannelId, reaction.ToString(), saved is not null);
        if (saved is null)
        {
            return;
        }

        var card = turn.Activity.CreateReply(ActivityTypes.Message);
        card.Attachments = [FeedbackCardFactory.Create(saved.Answer.AnswerId, reaction)];
        await turn.SendActivityAsync(card, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnFeedbackCommentAsync(TurnContext turn, FeedbackSubmission comment, CancellationToken cancellationToken)
    {
        var saved = comment.Comment is null
            ? null
            : await conversations.SaveFeedbackAsync(ConversationKey.ForConversation(turn.Activity), comment.AnswerOrReplyId, null, comment.Comment, cancellationToken).ConfigureAwait(false);
        LogFeedback(logger, turn.Activity.ChannelId, "comment", saved is not null);
        await turn.SendActivityAsync(
            saved is not null ? "Thanks, your comment is saved with the answer." : "There was no comment to save.",
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

        var corpus = readiness.IsReady ? await examples.GetAsync(cancellationToken).ConfigureAwait(false) : new CorpusOverview(0, []);
        await turn.SendActivityAsync(WelcomeMessage.Create(turn.Activity, corpus), cancellationToken).ConfigureAwait(false);
    }

    private Task Ignore(string? activityType)
    {
        LogIgnored(logger, activityType);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback ({Kind}) on {ChannelId}; answer found: {Found}")]
    private static partial void LogFeedback(ILogger logger, string? channelId, string kind, bool found);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a feedback activity on {ChannelId} that names no answer or reaction")]
    private static partial void LogFeedbackUnreadable(ILogger logger, string? channelId);
    [LoggerMessage(Level = LogLevel.Error, Message = "Saving the conversation history failed; the answer was sent, but a follow-up will not see this turn")]
    private static partial void LogHistorySaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the conversation history failed; the question is answered without its earlier turns")]
    private static partial void LogHistoryReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keeping the answer for feedback failed; the answer was sent, but feedback on it cannot be stored")]
    private static partial void LogAnswerRecordFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {ActivityType} activity")]
    private static partial void LogIgnored(ILogger logger, string? activityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a question of {Length} characters (limit {Limit})")]
    private static partial void LogQuestionTooLong(ILogger logger, int length, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered on {ChannelId} with {CitationCount} citations (declined: {Declined}, composer: {Composer}, {ElapsedMs:F0} ms)")]
    private static partial void LogAnswered(ILogger logger, string? channelId, int citationCount, bool declined, string composer, double elapsedMs);
}
