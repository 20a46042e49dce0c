namespace QaBot.Core.Evaluation;

/// <summary>Settings of one run: <see cref="TopK"/> is the k of recall@k (the retriever's top-k).</summary>
public sealed record EvaluationRunOptions(int TopK, double? MinAccuracy = null, string? BaselinePath = null);
