using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>One figure next to its baseline value; <see cref="Worse"/> says whether it moved the wrong way.</summary>
public sealed record MetricComparison(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("baseline")] double? Baseline,
    [property: JsonPropertyName("current")] double? Current,
    [property: JsonPropertyName("delta")] double? Delta,
    [property: JsonPropertyName("higherIsBetter")] bool HigherIsBetter,
    [property: JsonPropertyName("worse")] bool Worse);
