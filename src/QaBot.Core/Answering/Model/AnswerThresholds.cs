namespace QaBot.Core.Answering.Model;

/// <summary>
/// How the model's probabilities become answers: below <see cref="Decline"/> QaBot declines; between it
/// and <see cref="Confident"/> it answers but says the articles only partly cover the question; another
/// sentence joins the best one when its probability is at least <see cref="ExtraSentenceRatio"/> of the
/// best's.
/// </summary>
public sealed record AnswerThresholds(double Decline, double Confident, double ExtraSentenceRatio);
