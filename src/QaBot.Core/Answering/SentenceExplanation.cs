namespace QaBot.Core.Answering;

/// <summary>Why a candidate sentence ranked where it did (for <c>qabot ask --explain</c>): its probability and features.</summary>
public sealed record SentenceExplanation(string DocumentId, int PassageRank, string Sentence, double Probability, bool Selected, IReadOnlyList<float> Features);
