using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>Everything a run produced; <c>report.json</c> is this record serialized.</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("config")] EvaluationConfig Config,
    [property: JsonPropertyName("metrics")] EvaluationSummary Metrics,
    [property: JsonPropertyName("cases")] IReadOnlyList<EvalCaseResult> Cases,
    [property: JsonPropertyName("skippedLines")] IReadOnlyList<QuestionSetLineError> SkippedLines,
    [property: JsonPropertyName("comparison")] BaselineComparison? Comparison)
{
    /// <summary>The cases binned by the composer's confidence (the reliability chart); null in reports written before it existed.</summary>
    [JsonPropertyName("calibration")]
    public Calibration? Calibration { get; init; }

    /// <summary>The figures per decline threshold, with <c>--threshold-sweep</c>; null otherwise.</summary>
    [JsonPropertyName("thresholdSweep")]
    public ThresholdSweep? ThresholdSweep { get; init; }
}
