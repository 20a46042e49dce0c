using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using QaBot.Core.Answering;
using QaBot.Core.Text;

namespace QaBot.Bot.Hosting;

/// <summary>
/// The answering service as the bot's channels use it — the one place article text enters a reply:
/// <list type="bullet">
/// <item>everything an answer shows (text, streamed text, citation titles and snippets, suggested questions)
/// is cleaned for display with <see cref="TextNormalizer.ForDisplay"/>, before any channel escapes or cuts it,
/// so no terminal escape sequence, control or format character from an article reaches a reply, a card or
/// the Teams citation entity;</item>
/// <item>a question whose answer fails because the index store cannot be read reports the failure to
/// readiness (so /readyz turns 503 on the first such query) and is answered with
/// <see cref="IndexReadiness.UnavailableMessage"/> instead of an error.</item>
/// </list>
/// </summary>
public sealed class BotAnsweringService(IAnsweringService inner, IndexStoreProbe probe) : IAnsweringService
{
    private const char Escape = '\u001b';

    public async Task<Answer> AskAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        await foreach (var update in AskStreamingAsync(question, history, cancellationToken).ConfigureAwait(false))
        {
            if (update.Final is { } answer)
            {
                return answer;
            }
        }

        throw new InvalidOperationException("The answering service finished without a final answer.");
    }

    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, IReadOnlyList<ConversationTurn> history, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var streamed = new StringBuilder();
        var shown = 0;
        await using var updates = inner.AskStreamingAsync(question, history, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            AnswerUpdate update;
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                update = updates.Current;
            }
            catch (Exception ex) when (IndexStoreFailure.IsStoreFailure(ex))
            {
                probe.ReportFailure(ex);
                break;
            }

            if (update.Final is { } final)
            {
                yield return AnswerUpdate.Completed(ForDisplay(final));
            }
            else if (!string.IsNullOrEmpty(update.TextDelta) && StreamedDelta(streamed.Append(update.TextDelta), ref shown) is { Length: > 0 } delta)
            {
                yield return AnswerUpdate.Delta(delta);
            }
        }

        var text = (question ?? string.Empty).Trim();
        yield return AnswerUpdate.Completed(new Answer(text, text, IndexReadiness.UnavailableMessage, true, [], [], "none", stopwatch.Elapsed));
    }

    /// <summary>The answer with every text a reply shows cleaned for display.</summary>
    public static Answer ForDisplay(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer with
        {
            Text = TextNormalizer.ForDisplay(answer.Text),
            Citations = [.. answer.Citations.Select(c => c with { Title = TextNormalizer.ForDisplay(c.Title), Snippet = TextNormalizer.ForDisplay(c.Snippet) })],
            SuggestedQuestions = [.. answer.SuggestedQuestions.Select(TextNormalizer.ForDisplay)],
        };
    }

    /// <summary>
    /// The next piece of the cleaned streamed text. Text from the last escape character on is held back until
    /// more arrives (a sequence may be split across deltas); the final answer carries the whole text anyway.
    /// </summary>
    private static string StreamedDelta(StringBuilder streamed, ref int shown)
    {
        var text = streamed.ToString();
        var lastEscape = text.LastIndexOf(Escape);
        var ready = lastEscape >= 0 && text.Length - lastEscape < 256 ? text[..lastEscape] : text;
        var cleaned = TextNormalizer.ForDisplay(ready);
        if (cleaned.Length <= shown)
        {
            return string.Empty;
        }

        var delta = cleaned[shown..];
        shown = cleaned.Length;
        return delta;
    }
}
