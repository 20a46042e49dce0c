using System.Diagnostics;
using System.Runtime.CompilerServices;
using QaBot.Core.Answering;

namespace QaBot.Bot.Hosting;

/// <summary>
/// The answering service as the bot uses it: a question whose answer fails because the index store
/// cannot be read reports the failure to readiness (so /readyz turns 503 on the first such query) and is
/// answered with <see cref="IndexReadiness.UnavailableMessage"/> instead of an error.
/// </summary>
public sealed class IndexAvailabilityAnsweringService(IAnsweringService inner, IndexStoreProbe probe) : IAnsweringService
{
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

            yield return update;
        }

        var text = (question ?? string.Empty).Trim();
        yield return AnswerUpdate.Completed(new Answer(text, text, IndexReadiness.UnavailableMessage, true, [], [], "none", stopwatch.Elapsed));
    }
}
