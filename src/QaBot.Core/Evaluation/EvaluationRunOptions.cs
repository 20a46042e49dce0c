namespace QaBot.Core.Evaluation;

/// <summary>
/// Settings of one run: <see cref="TopK"/> is the k of recall@k (the retriever's top-k);
/// <see cref="DeclineThreshold"/> is the decline threshold in force, recorded in the report and marked in
/// the charts. With <see cref="ThresholdSweep"/> the target keeps every answer (its threshold is 0): the
/// runner sweeps the thresholds over the kept answers and reports the main figures at
/// <see cref="DeclineThreshold"/>, which it then requires.
/// </summary>
public sealed record EvaluationRunOptions(
    int TopK,
    double? MinAccuracy = null,
    string? BaselinePath = null,
    double? DeclineThreshold = null,
    bool ThresholdSweep = false);
