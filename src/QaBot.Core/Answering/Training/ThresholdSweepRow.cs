namespace QaBot.Core.Answering.Training;

/// <summary>The held-out figures at one decline threshold.</summary>
public sealed record ThresholdSweepRow(double Threshold, HeldOutFigures Figures);
