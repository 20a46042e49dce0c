using System.Runtime.CompilerServices;
using QaBot.Core.Answering;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;

namespace QaBot.Cli.Tests.TestHelpers;

/// <summary>Answers every question with "Hegseth [1]" citing doc-a, or declines questions containing "unknown".</summary>
internal sealed class FixedAnsweringService : IAnsweringService
{
    public Task<Answer> AskAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        var declined = question.Contains("unknown", StringComparison.OrdinalIgnoreCase);
        var citations = declined ? [] : new[] { new Citation(1, "doc-a", "doc-a#0", "Title A", null, "Hegseth met <Jaishankar>.", 0, 25, 0.9) };
        var retrieved = new RetrievedChunk(new TextChunk("doc-a#0", "doc-a", "Title A", null, 0, 0, 25, "Hegseth met <Jaishankar>."), 0.03, 1, 0.7, 1, 4.2);
        return Task.FromResult(new Answer(question, question, declined ? "The articles do not say." : "Hegseth [1]", declined, citations, [retrieved], "fixed", TimeSpan.FromMilliseconds(3)));
    }

    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, IReadOnlyList<ConversationTurn> history, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return AnswerUpdate.Completed(await AskAsync(question, history, cancellationToken));
    }
}
