using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>
/// One confidence bin of the reliability chart: the cases whose confidence is in
/// [<see cref="Lower"/>, <see cref="Upper"/>) (the last bin includes 1), how many of them were answered
/// right, and their mean confidence. Shares are null for an empty bin.
/// </summary>
public sealed record CalibrationBin(
    [property: JsonPropertyName("lower")] double Lower,
    [property: JsonPropertyName("upper")] double Upper,
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("right")] int Right,
    [property: JsonPropertyName("rightShare")] double? RightShare,
    [property: JsonPropertyName("meanConfidence")] double? MeanConfidence);
