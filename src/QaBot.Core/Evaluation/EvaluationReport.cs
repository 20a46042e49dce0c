using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>Everything a run produced; <c>report.json</c> is this record serialized.</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("config")] EvaluationConfig Config,
    [property: JsonPropertyName("metrics")] EvaluationSummary Metrics,
    [property: JsonPropertyName("cases")] IReadOnlyList<EvalCaseResult> Cases,
    [property: JsonPropertyName("skippedLines")] IReadOnlyList<QuestionSetLineError> SkippedLines,
    [property: JsonPropertyName("comparison")] BaselineComparison? Comparison);
