namespace QaBot.Core.Evaluation;

/// <summary>What the evaluator asks: the in-process answering service or a running bot over HTTP.</summary>
public interface IEvaluationTarget
{
    /// <summary>Recorded in the report ("in-process", "endpoint http://…").</summary>
    string Name { get; }

    /// <summary>False when answers do not say what was retrieved, so recall@k and MRR are not measured.</summary>
    bool ReportsRetrieval { get; }

    /// <summary>
    /// Runs one case as a conversation: each <see cref="EvalCase.Context"/> message is asked in turn with
    /// the earlier turns as history, then the question.
    /// </summary>
    Task<EvalCaseOutcome> RunCaseAsync(EvalCase evalCase, CancellationToken cancellationToken = default);
}
