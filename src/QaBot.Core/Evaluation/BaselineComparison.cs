using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>
/// This run against an earlier report: figures side by side, the cases that passed before and fail now
/// (<see cref="Regressed"/>), the ones fixed, and case ids found in only one of the two runs.
/// </summary>
public sealed record BaselineComparison(
    [property: JsonPropertyName("baseline")] string Baseline,
    [property: JsonPropertyName("baselineStartedAt")] DateTimeOffset BaselineStartedAt,
    [property: JsonPropertyName("metrics")] IReadOnlyList<MetricComparison> Metrics,
    [property: JsonPropertyName("regressed")] IReadOnlyList<CaseChange> Regressed,
    [property: JsonPropertyName("fixed")] IReadOnlyList<CaseChange> Fixed,
    [property: JsonPropertyName("onlyInBaseline")] IReadOnlyList<string> OnlyInBaseline,
    [property: JsonPropertyName("onlyInCurrent")] IReadOnlyList<string> OnlyInCurrent);
