using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>A case whose outcome changed against the baseline (matched by id).</summary>
public sealed record CaseChange(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("baselineAnswer")] string BaselineAnswer,
    [property: JsonPropertyName("currentAnswer")] string CurrentAnswer,
    [property: JsonPropertyName("failureReason")] string? FailureReason);
