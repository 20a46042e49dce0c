namespace QaBot.Core.Answering.Model;

/// <summary>
/// How the model's probabilities become answers: below <see cref="Decline"/> QaBot declines; between it
/// and <see cref="Confident"/> it answers but says the articles only partly cover the question. Another
/// sentence joins the best one when its probability is at least <see cref="SameDocumentRatio"/> of the
/// best's (a sentence of the same article, which adds no citation) or <see cref="ExtraSentenceRatio"/> of
/// it (a sentence of another article).
/// </summary>
public sealed record AnswerThresholds(double Decline, double Confident, double ExtraSentenceRatio, double SameDocumentRatio);
