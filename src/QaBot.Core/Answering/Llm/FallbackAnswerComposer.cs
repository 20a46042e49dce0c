using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace QaBot.Core.Answering.Llm;

/// <summary>
/// Runs the primary composer and, when it fails (timeout, HTTP 429/5xx after the retries, a broken
/// prompt file …), logs a warning and answers with the fallback composer instead. The answer then
/// records "extractive (fallback: timeout)" as its composer; the user never sees exception text.
/// Deltas the primary already streamed are superseded by the fallback's final answer.
/// Cancellation by the caller is not a failure and is passed on.
/// </summary>
public sealed partial class FallbackAnswerComposer(
    IAnswerComposer primary,
    IAnswerComposer fallback,
    ILogger<FallbackAnswerComposer> logger) : IAnswerComposer
{
    public string Name => primary.Name;

    public async IAsyncEnumerable<AnswerUpdate> ComposeAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string reason;
        var updates = primary.ComposeAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                AnswerUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        reason = "no answer";
                        LogNoFinalAnswer(primary.Name);
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    reason = LlmFailure.Describe(exception);
                    LogFallingBack(exception, primary.Name, fallback.Name, reason);
                    break;
                }

                yield return update;
                if (update.Final is not null)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await DisposeQuietlyAsync(updates).ConfigureAwait(false);
        }

        await foreach (var update in fallback.ComposeAsync(request, cancellationToken).ConfigureAwait(false))
        {
            yield return update.Final is { } final
                ? AnswerUpdate.Completed(final with { Composer = $"{final.Composer} (fallback: {reason})" })
                : update;
        }
    }

    private async Task DisposeQuietlyAsync(IAsyncEnumerator<AnswerUpdate> updates)
    {
        try
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or IOException)
        {
            LogDisposeFailed(exception, primary.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Primary} composer failed ({Reason}); answering with the {Fallback} composer instead")]
    private partial void LogFallingBack(Exception exception, string primary, string fallback, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Primary} composer finished without a final answer; answering with the fallback composer")]
    private partial void LogNoFinalAnswer(string primary);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the {Primary} composer's stream after a failure threw")]
    private partial void LogDisposeFailed(Exception exception, string primary);
}
