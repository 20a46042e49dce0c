using QaBot.Core.Answering.Model;

namespace QaBot.Core.Answering;

/// <summary>How the extractive composer reached its answer: the question's analysis, the thresholds, the decision and the best candidates.</summary>
public sealed record AnswerExplanation(
    QuestionAnalysis Question,
    AnswerThresholds Thresholds,
    AnswerDecision Decision,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<SentenceExplanation> Sentences);
