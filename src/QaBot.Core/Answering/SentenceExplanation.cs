namespace QaBot.Core.Answering;

/// <summary>Why a candidate sentence ranked where it did (for <c>qabot ask --explain</c>).</summary>
public sealed record SentenceExplanation(string DocumentId, int PassageRank, string Sentence, double Coverage, bool TypeMatches, double Score);
