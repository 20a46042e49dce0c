using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>
/// How well the composer's confidence predicts a right answer (a reliability diagram's data; see
/// <see cref="ConfidenceAnalysis.Calibrate"/>). <see cref="AllAnswersKept"/> is true when the run kept every
/// answer (<c>--threshold-sweep</c>), so the bins below the decline threshold are filled too.
/// <see cref="ExpectedCalibrationError"/> is the case-weighted mean gap between a bin's share right and
/// its mean confidence (0 = perfectly calibrated).
/// </summary>
public sealed record Calibration(
    [property: JsonPropertyName("allAnswersKept")] bool AllAnswersKept,
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("withoutConfidence")] int WithoutConfidence,
    [property: JsonPropertyName("declined")] int Declined,
    [property: JsonPropertyName("expectedCalibrationError")] double? ExpectedCalibrationError,
    [property: JsonPropertyName("bins")] IReadOnlyList<CalibrationBin> Bins);
