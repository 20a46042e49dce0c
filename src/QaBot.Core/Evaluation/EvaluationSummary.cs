using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>
/// The run's figures. Rates are 0..1; a null figure could not be measured (no case it applies to, or a
/// target that does not report retrieval). Latency covers the cases that did not error.
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
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("recallAtK")] double? RecallAtK,
    [property: JsonPropertyName("hitRateAtK")] double? HitRateAtK,
    [property: JsonPropertyName("mrr")] double? Mrr,
    [property: JsonPropertyName("correctDeclines")] int CorrectDeclines,
    [property: JsonPropertyName("correctDeclineRate")] double? CorrectDeclineRate,
    [property: JsonPropertyName("falseDeclines")] int FalseDeclines,
    [property: JsonPropertyName("falseDeclineRate")] double? FalseDeclineRate,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("latencyP50Ms")] double? LatencyP50Ms,
    [property: JsonPropertyName("latencyP95Ms")] double? LatencyP95Ms,
    [property: JsonPropertyName("latencyMeanMs")] double? LatencyMeanMs,
    [property: JsonPropertyName("latencyMaxMs")] double? LatencyMaxMs);
