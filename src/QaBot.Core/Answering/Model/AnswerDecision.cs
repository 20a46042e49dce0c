namespace QaBot.Core.Answering.Model;

/// <summary>
/// What the answer model decided for one question: the candidates that make the answer (best first;
/// empty when it declines), the confidence that the articles answer (the best candidate's probability),
/// and whether that confidence is only partial.
/// </summary>
public sealed record AnswerDecision(IReadOnlyList<int> Selected, double Confidence, bool Declined, bool Partial);
