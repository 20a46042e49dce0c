using System.Text.Json.Serialization;
using QaBot.Core.Answering;

namespace QaBot.Core.Evaluation;

/// <summary>
/// One case in <c>report.json</c>: <c>id</c>, the same fields as <c>qabot ask --json</c>
/// (<see cref="AnswerDto"/>), the case's gold data, and how it scored.
/// </summary>
public sealed record EvalCaseResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("declined")] bool Declined,
    [property: JsonPropertyName("citations")] IReadOnlyList<CitationDto> Citations,
    [property: JsonPropertyName("retrieved")] IReadOnlyList<RetrievedDto> Retrieved,
    [property: JsonPropertyName("elapsedMs")] double ElapsedMs,
    [property: JsonPropertyName("composer")] string Composer,
    [property: JsonPropertyName("suggestedQuestions")] IReadOnlyList<string> SuggestedQuestions,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("failureReason")] string? FailureReason,
    [property: JsonPropertyName("context")] IReadOnlyList<string> Context,
    [property: JsonPropertyName("contextAnswers")] IReadOnlyList<string> ContextAnswers,
    [property: JsonPropertyName("standaloneQuery")] string? StandaloneQuery,
    [property: JsonPropertyName("answerable")] bool Answerable,
    [property: JsonPropertyName("expected")] IReadOnlyList<IReadOnlyList<string>> Expected,
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources,
    [property: JsonPropertyName("answerMatched")] bool? AnswerMatched,
    [property: JsonPropertyName("citesSource")] bool? CitesSource,
    [property: JsonPropertyName("citationPrecision")] double? CitationPrecision,
    [property: JsonPropertyName("recallAtK")] double? RecallAtK,
    [property: JsonPropertyName("hitAtK")] double? HitAtK,
    [property: JsonPropertyName("reciprocalRank")] double? ReciprocalRank,
    [property: JsonPropertyName("error")] string? Error)
{
    /// <summary>The composer's estimate that the articles answer the question (null when it gives none).</summary>
    [JsonPropertyName("confidence")]
    public double? Confidence { get; init; }

    /// <summary>True when the answer said the articles only partly cover the question.</summary>
    [JsonPropertyName("partial")]
    public bool Partial { get; init; }

    public static EvalCaseResult Create(EvalCase evalCase, EvalCaseOutcome outcome, CaseScore score)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(score);

        var answer = outcome.Answer;
        return new EvalCaseResult(
            evalCase.Id, evalCase.Question, answer.Answer, answer.Declined, answer.Citations, answer.Retrieved,
            answer.ElapsedMs, answer.Composer, answer.SuggestedQuestions, score.Passed, score.FailureReason,
            evalCase.Context, outcome.ContextAnswers, string.IsNullOrEmpty(answer.StandaloneQuery) ? null : answer.StandaloneQuery,
            evalCase.Answerable, evalCase.Expected, evalCase.Sources,
            score.AnswerMatched, score.CitesSource, score.CitationPrecision, score.RecallAtK, score.HitAtK, score.ReciprocalRank,
            Error: null)
        {
            Confidence = answer.Confidence,
            Partial = answer.Partial,
        };
    }

    /// <summary>A case whose target threw: it fails with the error as its reason.</summary>
    public static EvalCaseResult Failed(EvalCase evalCase, string error, double elapsedMs)
    {
        ArgumentNullException.ThrowIfNull(evalCase);

        return new EvalCaseResult(
            evalCase.Id, evalCase.Question, string.Empty, false, [], [], elapsedMs, string.Empty, [],
            false, $"error: {error}", evalCase.Context, [], null,
            evalCase.Answerable, evalCase.Expected, evalCase.Sources,
            null, null, null, null, null, null, error);
    }
}
