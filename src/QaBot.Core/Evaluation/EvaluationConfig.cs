using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>How a run was made: what was asked, against which target, with which settings.</summary>
public sealed record EvaluationConfig(
    [property: JsonPropertyName("questions")] string Questions,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("composers")] IReadOnlyList<string> Composers,
    [property: JsonPropertyName("topK")] int TopK,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("durationMs")] double DurationMs,
    [property: JsonPropertyName("minAccuracy")] double? MinAccuracy,
    [property: JsonPropertyName("baseline")] string? Baseline);
