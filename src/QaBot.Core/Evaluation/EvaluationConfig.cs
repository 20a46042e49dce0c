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
    [property: JsonPropertyName("baseline")] string? Baseline)
{
    /// <summary>
    /// The decline threshold the figures are reported at (the configured one, else the answer model's);
    /// null when not known (a bot over HTTP, a service without the answer model).
    /// </summary>
    [JsonPropertyName("declineThreshold")]
    public double? DeclineThreshold { get; init; }
}
