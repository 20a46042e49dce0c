using QaBot.Core.Answering;

namespace QaBot.Core.Evaluation;

/// <summary>
/// What a target produced for one case: the answer to the case's question (after its context turns) and
/// the answers given to the context turns.
/// </summary>
public sealed record EvalCaseOutcome(AnswerDto Answer, IReadOnlyList<string> ContextAnswers);
