namespace QaBot.Core.Answering;

/// <summary>A question's analysis, the candidate sentences the answer model considers and their features (one row each).</summary>
public sealed record CandidateFeatureSet(QuestionAnalysis Question, IReadOnlyList<CandidateSentence> Candidates, IReadOnlyList<float[]> Features);
