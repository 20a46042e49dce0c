namespace QaBot.Core.Evaluation;

/// <summary>Reported after each case: <see cref="Completed"/> of <see cref="Total"/> done, the last one's result.</summary>
public sealed record EvaluationProgress(int Completed, int Total, EvalCaseResult Result);
