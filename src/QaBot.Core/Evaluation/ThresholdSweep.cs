using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>
/// <c>qabot eval --threshold-sweep</c>: the run's figures at each decline threshold, computed from one run
/// in which every answer was kept. <see cref="InForce"/> is the threshold the service is configured with
/// (its row is marked); <see cref="CasesWithoutConfidence"/> counts cases whose outcome no threshold
/// changes (an LLM's answer, an error).
/// </summary>
public sealed record ThresholdSweep(
    [property: JsonPropertyName("inForce")] double InForce,
    [property: JsonPropertyName("casesWithoutConfidence")] int CasesWithoutConfidence,
    [property: JsonPropertyName("rows")] IReadOnlyList<ThresholdSweepRow> Rows);
