using QaBot.Core.Evaluation;

namespace QaBot.Core.Answering.Training;

/// <summary>
/// One question of a training set with what the answer step saw for it: the candidates and their
/// features, each candidate's label (it holds an expected answer and comes from a source document),
/// and the group (article) it belongs to, so folds never split an article.
/// </summary>
public sealed record TrainingCase(string Set, string Group, EvalCase Case, AnswerRequest Request, CandidateFeatureSet Features, IReadOnlyList<bool> Labels)
{
    public bool HasPositive => Labels.Any(l => l);
}
