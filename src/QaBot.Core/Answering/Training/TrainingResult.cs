using QaBot.Core.Answering.Model;

namespace QaBot.Core.Answering.Training;

/// <summary>
/// The fitted model with the thresholds chosen on held-out groups, and the held-out evidence: figures
/// per set and per group at those thresholds, the threshold sweep and the calibration bins.
/// </summary>
public sealed record TrainingResult(
    AnswerModel Model,
    int Cases,
    int Rows,
    IReadOnlyList<string> Groups,
    HeldOutFigures? Overall,
    IReadOnlyDictionary<string, HeldOutFigures> BySet,
    IReadOnlyDictionary<string, HeldOutFigures> ByGroup,
    IReadOnlyDictionary<string, IReadOnlyList<ThresholdSweepRow>> Sweep,
    IReadOnlyList<CalibrationBin> Calibration,
    TimeSpan Elapsed);
