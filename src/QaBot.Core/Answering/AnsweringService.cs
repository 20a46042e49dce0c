using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>
/// Answers a question from the indexed articles: rewrites a follow-up into a standalone query,
/// retrieves passages (first only from articles dated as the question asks, when it names a time:
/// <see cref="QuestionDates"/>) and lets the configured composer write a cited answer (or decline), which
/// then says which dates it drew on (<see cref="AnswerDates"/>). Empty and over-long questions get a plain
/// message instead of a search.
/// </summary>
public sealed partial class AnsweringService(
    IQueryRewriter rewriter,
    IRetriever retriever,
    IAnswerComposer composer,
    IOptions<AnsweringOptions> options,
    TimeProvider time,
    ILogger<AnsweringService> logger) : IAnsweringService, IDisposable
{
    private readonly SemaphoreSlim retrievals = new(
        options.Value.MaxConcurrentRetrievals > 0 ? options.Value.MaxConcurrentRetrievals : 2 * Environment.ProcessorCount);

    public void Dispose() => retrievals.Dispose();

    public async Task<Answer> AskAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        await foreach (var update in AskStreamingAsync(question, history, cancellationToken).ConfigureAwait(false))
        {
            if (update.Final is { } answer)
            {
                return answer;
            }
        }

        throw new InvalidOperationException($"The '{composer.Name}' composer finished without a final answer.");
    }

    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(
        string question,
        IReadOnlyList<ConversationTurn> history,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var stopwatch = Stopwatch.StartNew();
        var trimmed = (question ?? string.Empty).Trim();
        var maxChars = options.Value.MaxQuestionChars;
        if (trimmed.Length == 0 || trimmed.Length > maxChars)
        {
            var message = trimmed.Length == 0 ? AnswerMessages.EmptyQuestion : AnswerMessages.TooLong(maxChars);
            yield return AnswerUpdate.Completed(new Answer(trimmed, trimmed, message, true, [], [], "none", stopwatch.Elapsed));
            yield break;
        }

        var recent = history.TakeLast(options.Value.MaxHistoryTurns * 2).ToList();
        var standalone = await rewriter.RewriteAsync(trimmed, recent, cancellationToken).ConfigureAwait(false);

        // "… in July 2025", "… last week": articles of those dates are searched first (relative to today),
        // and the words that said so are not searched for in the articles' text. An article is often dated
        // after the events it reports ("… handled in 2023", published in 2025), so when none of that range
        // answers, all articles are searched (still without the date words, which articles seldom repeat),
        // and the answer says so (AnswerDates).
        var dates = QuestionDates.Find(standalone, DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var asked = dates?.RemoveFrom(trimmed) ?? trimmed;
        var query = dates?.RemoveFrom(standalone) ?? standalone;
        if (dates is not null)
        {
            Answer? inRange = null;
            await foreach (var update in ComposeAsync(asked, query, recent, dates, cancellationToken).ConfigureAwait(false))
            {
                inRange = update.Final ?? inRange;
            }

            if (inRange is { Declined: false })
            {
                yield return AnswerUpdate.Completed(Finish(inRange, trimmed, standalone, dates, widened: false, stopwatch));
                yield break;
            }
        }

        await foreach (var update in ComposeAsync(asked, query, recent, null, cancellationToken).ConfigureAwait(false))
        {
            if (update.Final is { } final)
            {
                yield return AnswerUpdate.Completed(Finish(final, trimmed, standalone, dates, widened: dates is not null, stopwatch));
                yield break;
            }

            yield return update;
        }
    }

    /// <summary>Retrieves (kept to <paramref name="dates"/> when given) and lets the composer answer; the final update carries the passages.</summary>
    private async IAsyncEnumerable<AnswerUpdate> ComposeAsync(
        string question,
        string query,
        IReadOnlyList<ConversationTurn> recent,
        PublishedDateRange? dates,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RetrievalResult retrieval;
        await retrievals.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            retrieval = await retriever.RetrieveAsync(query, filter: dates?.ToFilter(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            retrievals.Release();
        }

        var passages = retrieval.Passages;
        var request = new AnswerRequest(question, query, recent, passages) { Statistics = retrieval.Statistics };
        await foreach (var update in composer.ComposeAsync(request, cancellationToken).ConfigureAwait(false))
        {
            yield return update.Final is { } final ? AnswerUpdate.Completed(final with { Retrieved = passages }) : update;
        }
    }

    private Answer Finish(Answer final, string question, string standalone, PublishedDateRange? dates, bool widened, Stopwatch stopwatch)
    {
        var answer = final with
        {
            // Whatever the composer, an answer's markers point at its own citations only.
            Text = final.Declined ? final.Text : CitationMarkers.KeepOnly(final.Text, [.. final.Citations.Select(c => c.Number)]),
            Question = question,
            StandaloneQuery = standalone,
            Citations = CitationUrls.Attach(final.Citations, final.Retrieved),
            Elapsed = stopwatch.Elapsed,
            SuggestedQuestions = final.Declined ? [] : FollowUpSuggester.Suggest(question, final.Text),
        };
        answer = AnswerDates.Apply(answer, dates, widened);
        LogAnswered(answer.Composer, answer.Declined, answer.Citations.Count, answer.Retrieved.Count, stopwatch.ElapsedMilliseconds);
        return answer;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered with {Composer}: declined={Declined}, {CitationCount} citations from {PassageCount} passages in {ElapsedMs} ms")]
    private partial void LogAnswered(string composer, bool declined, int citationCount, int passageCount, long elapsedMs);
}
