namespace QaBot.Core.Evaluation;

/// <summary>The cases read from a question-set file, plus the lines that were skipped and why.</summary>
public sealed record QuestionSet(string Source, IReadOnlyList<EvalCase> Cases, IReadOnlyList<QuestionSetLineError> Errors);
