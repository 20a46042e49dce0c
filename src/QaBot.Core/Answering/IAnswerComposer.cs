using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>
/// Turns retrieved passages into an answer with [n] citations, or a decline. The default is
/// extractive (offline); a Semantic Kernel composer generates answers with an LLM.
/// </summary>
public interface IAnswerComposer
{
    /// <summary>Short name recorded with each answer ("extractive", "semantic-kernel").</summary>
    string Name { get; }

    IAsyncEnumerable<AnswerUpdate> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken = default);
}
