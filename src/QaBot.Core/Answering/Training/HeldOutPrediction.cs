namespace QaBot.Core.Answering.Training;

/// <summary>A case's candidate probabilities from a model fitted without the case's group (article).</summary>
public sealed record HeldOutPrediction(TrainingCase Case, float[] Probabilities);
