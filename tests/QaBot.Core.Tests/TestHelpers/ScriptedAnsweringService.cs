using System.Runtime.CompilerServices;
using QaBot.Core.Answering;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// An <see cref="IAnsweringService"/> double: answers from a function of (question, history) and records
/// every call with the history it was given.
/// </summary>
internal sealed class ScriptedAnsweringService(Func<string, IReadOnlyList<ConversationTurn>, Answer> answer) : IAnsweringService
{
    public List<(string Question, IReadOnlyList<ConversationTurn> History)> Calls { get; } = [];

    public Task<Answer> AskAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add((question, history));
        return Task.FromResult(answer(question, history));
    }

    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, IReadOnlyList<ConversationTurn> history, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var final = await AskAsync(question, history, cancellationToken);
        yield return AnswerUpdate.Delta(final.Text);
        yield return AnswerUpdate.Completed(final);
    }

    public static Answer MakeAnswer(string question, string text, params string[] citedDocuments) =>
        new(
            question,
            question,
            text,
            citedDocuments.Length == 0,
            [.. citedDocuments.Select((doc, i) => new Citation(i + 1, doc, $"{doc}#0", $"Title {doc}", null, $"Snippet of {doc}", 0, 10, 0.9))],
            [.. citedDocuments.Select(doc => new RetrievedChunk(new TextChunk($"{doc}#0", doc, $"Title {doc}", null, 0, 0, 10, "text"), 0.9, 1, 0.8, 1, 3.0))],
            "scripted",
            TimeSpan.FromMilliseconds(12.34));
}
