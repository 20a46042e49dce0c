namespace QaBot.Core.Answering.Training;

/// <summary>
/// Questions whose confidence fell in [<see cref="From"/>, <see cref="To"/>): how many, their mean
/// confidence, and the share whose best sentence was a right answer (for an unanswerable question: never).
/// </summary>
public sealed record CalibrationBin(double From, double To, int Count, double MeanConfidence, double ShareRight);
