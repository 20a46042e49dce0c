using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>
/// The run's figures. Rates are 0..1; a null figure could not be measured (no case it applies to, or a
/// target that does not report retrieval). Latency covers the cases that did not error.
/// The two headline figures are <see cref="AnswerableAccuracy"/> (answerable cases passed / answerable
/// cases) and <see cref="CorrectDeclineRate"/> (unanswerable cases declined without citing / unanswerable
/// cases); <see cref="Accuracy"/> pools both kinds of case.
/// <see cref="AnsweredAnswerableCitationPrecision"/> is citation precision over the answerable cases that
/// were answered (not declined), beside the pooled <see cref="CitationPrecision"/>.
/// </summary>
public sealed record EvaluationSummary(
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("answerable")] int Answerable,
    [property: JsonPropertyName("unanswerable")] int Unanswerable,
    [property: JsonPropertyName("passed")] int Passed,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("citedDocuments")] int CitedDocuments,
    [property: JsonPropertyName("citedDocumentsInSources")] int CitedDocumentsInSources,
    [property: JsonPropertyName("citationPrecision")] double? CitationPrecision,
    [property: JsonPropertyName("answeredAnswerableCitedDocuments")] int AnsweredAnswerableCitedDocuments,
    [property: JsonPropertyName("answeredAnswerableCitedDocumentsInSources")] int AnsweredAnswerableCitedDocumentsInSources,
    [property: JsonPropertyName("answeredAnswerableCitationPrecision")] double? AnsweredAnswerableCitationPrecision,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("recallAtK")] double? RecallAtK,
    [property: JsonPropertyName("hitRateAtK")] double? HitRateAtK,
    [property: JsonPropertyName("mrr")] double? Mrr,
    [property: JsonPropertyName("answerablePassed")] int AnswerablePassed,
    [property: JsonPropertyName("answerableAccuracy")] double? AnswerableAccuracy,
    [property: JsonPropertyName("correctDeclines")] int CorrectDeclines,
    [property: JsonPropertyName("correctDeclineRate")] double? CorrectDeclineRate,
    [property: JsonPropertyName("falseDeclines")] int FalseDeclines,
    [property: JsonPropertyName("falseDeclineRate")] double? FalseDeclineRate,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("latencyP50Ms")] double? LatencyP50Ms,
    [property: JsonPropertyName("latencyP95Ms")] double? LatencyP95Ms,
    [property: JsonPropertyName("latencyMeanMs")] double? LatencyMeanMs,
    [property: JsonPropertyName("latencyMaxMs")] double? LatencyMaxMs);
