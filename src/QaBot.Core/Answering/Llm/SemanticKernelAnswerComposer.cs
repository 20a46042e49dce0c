using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using QaBot.Core.Configuration;

namespace QaBot.Core.Answering.Llm;

/// <summary>
/// Generates an answer with the configured chat model from the answer prompt: the retrieved
/// passages go in as numbered, delimited sources, the text streams back as deltas, and the final
/// answer is checked by <see cref="CitationChecker"/>. The whole answer is bounded by
/// <see cref="LlmOptions.TotalTimeout"/>. Failures are thrown; <see cref="FallbackAnswerComposer"/>
/// turns them into the extractive answer.
/// </summary>
public sealed partial class SemanticKernelAnswerComposer(
    LlmKernel llm,
    IOptions<LlmOptions> options,
    ILogger<SemanticKernelAnswerComposer> logger) : IAnswerComposer
{
    public const string ComposerName = "semantic-kernel";

    public string Name => ComposerName;

    public async IAsyncEnumerable<AnswerUpdate> ComposeAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Passages.Count == 0)
        {
            yield return AnswerUpdate.Completed(Build(request, new CheckedAnswer(AnswerMessages.NotFound, true, [], 0)));
            yield break;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.TotalTimeout);
        var arguments = llm.AnswerArguments(request);
        var generated = new StringBuilder();
        await foreach (var chunk in llm.Kernel.InvokeStreamingAsync<StreamingChatMessageContent>(llm.AnswerFunction, arguments, budget.Token).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(chunk.Content))
            {
                generated.Append(chunk.Content);
                yield return AnswerUpdate.Delta(chunk.Content);
            }
        }

        var checkedAnswer = CitationChecker.Check(generated.ToString(), request.Passages);
        if (checkedAnswer.RemovedMarkers > 0)
        {
            LogRemovedMarkers(checkedAnswer.RemovedMarkers, request.Passages.Count);
        }

        yield return AnswerUpdate.Completed(Build(request, checkedAnswer));
    }

    private Answer Build(AnswerRequest request, CheckedAnswer answer) =>
        new(request.Question, request.StandaloneQuery, answer.Text, answer.Declined, answer.Citations, request.Passages, Name, TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model cited {RemovedCount} source numbers outside 1..{SourceCount}; those markers were removed")]
    private partial void LogRemovedMarkers(int removedCount, int sourceCount);
}
