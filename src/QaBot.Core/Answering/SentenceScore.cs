namespace QaBot.Core.Answering;

/// <summary>How well a candidate sentence answers a question; <see cref="Total"/> ranks sentences.</summary>
internal sealed record SentenceScore(CandidateSentence Sentence, double Coverage, bool TypeMatches, double Total, IReadOnlySet<string> CoveredStems, bool IsHeadline);
