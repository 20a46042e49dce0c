using QaBot.Core.Answering;
using QaBot.Core.Evaluation;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>Small hand-made cases and answers for the evaluation tests.</summary>
internal static class EvalFixtures
{
    public static EvalCase Answerable(string id, IReadOnlyList<IReadOnlyList<string>> expected, params string[] sources) =>
        new(id, $"question {id}?", [], expected, sources, true, 1);

    public static EvalCase Unanswerable(string id) => new(id, $"question {id}?", [], [], [], false, 1);

    public static AnswerDto Answer(string text, string[] cited, string[] retrieved, double elapsedMs = 10, bool declined = false) =>
        new(
            "q",
            text,
            declined,
            [.. cited.Select((doc, i) => new CitationDto(i + 1, doc, $"Title of {doc}", $"snippet from {doc}", 0.5, null, 0, 10))],
            [.. retrieved.Select((doc, i) => new RetrievedDto(doc, $"{doc}#{i}", 1.0 / (i + 1)))],
            elapsedMs,
            "fake",
            "q",
            []);

    public static AnswerDto Decline(double elapsedMs = 10) =>
        new("q", "The articles do not say.", true, [], [new RetrievedDto("x", "x#0", 0.1)], elapsedMs, "fake", "q", []);

    public static EvalCaseResult Result(EvalCase evalCase, AnswerDto answer, int k = 3) =>
        EvalCaseResult.Create(evalCase, new EvalCaseOutcome(answer, []), EvaluationMetrics.ScoreCase(evalCase, answer, k, retrievalKnown: true));
}
