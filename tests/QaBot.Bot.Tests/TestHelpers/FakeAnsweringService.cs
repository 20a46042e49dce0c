using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using QaBot.Core.Answering;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>An answering service double: a fixed cited answer, optional streamed deltas, and a record of every call.</summary>
public sealed class FakeAnsweringService : IAnsweringService
{
    public ConcurrentQueue<(string Question, IReadOnlyList<ConversationTurn> History)> Calls { get; } = new();

    public Func<string, Answer> AnswerFor { get; set; } = question => SampleAnswer(question);

    public IReadOnlyList<string> Deltas { get; set; } = [];

    public TimeSpan DelayBetweenDeltas { get; set; } = TimeSpan.Zero;

    public static Citation SampleCitation(int number, string snippet = "Jaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon.") =>
        new(number, "000_0ae4d377a3db1007", $"000_0ae4d377a3db1007#{number}", "Jaishankar discusses bilateral partnership with US State Secy Marco Rubio",
            new DateOnly(2025, 7, 2), snippet, 10 * number, 10 * number + snippet.Length, 0.5);

    public static Answer SampleAnswer(string question, string? text = null, IReadOnlyList<Citation>? citations = null) =>
        new(question, question, text ?? "Jaishankar met US Secretary of Defence Pete Hegseth at the Pentagon [1]. They discussed India-US defence ties [2].",
            false, citations ?? [SampleCitation(1), SampleCitation(2, "He highlighted the strategic importance of India-US defence ties.")], [], "fake", TimeSpan.FromMilliseconds(5))
        {
            SuggestedQuestions = ["What did Jaishankar and Rubio discuss?"],
        };

    public async Task<Answer> AskAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        await foreach (var update in AskStreamingAsync(question, history, cancellationToken))
        {
            if (update.Final is { } answer)
            {
                return answer;
            }
        }

        throw new InvalidOperationException("no final answer");
    }

    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, IReadOnlyList<ConversationTurn> history, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((question, history));
        foreach (var delta in Deltas)
        {
            if (DelayBetweenDeltas > TimeSpan.Zero)
            {
                await Task.Delay(DelayBetweenDeltas, cancellationToken);
            }

            yield return AnswerUpdate.Delta(delta);
        }

        await Task.Yield();
        yield return AnswerUpdate.Completed(AnswerFor(question));
    }
}
