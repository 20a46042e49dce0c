namespace QaBot.Core.Evaluation;

/// <summary>Compares a run with an earlier report: figures side by side and the cases that changed.</summary>
public static class BaselineComparer
{
    public static BaselineComparison Compare(EvaluationReport baseline, EvaluationReport current, string baselinePath)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);

        var b = baseline.Metrics;
        var c = current.Metrics;
        var metrics = new List<MetricComparison>
        {
            Metric("accuracy", b.Accuracy, c.Accuracy, higherIsBetter: true),
            Metric("citation precision", b.CitationPrecision, c.CitationPrecision, higherIsBetter: true),
            Metric($"recall@{c.K}", b.RecallAtK, c.RecallAtK, higherIsBetter: true),
            Metric($"hit rate@{c.K}", b.HitRateAtK, c.HitRateAtK, higherIsBetter: true),
            Metric("MRR", b.Mrr, c.Mrr, higherIsBetter: true),
            Metric("correct declines", b.CorrectDeclineRate, c.CorrectDeclineRate, higherIsBetter: true),
            Metric("false declines", b.FalseDeclineRate, c.FalseDeclineRate, higherIsBetter: false),
            Metric("latency p50 (ms)", b.LatencyP50Ms, c.LatencyP50Ms, higherIsBetter: false),
            Metric("latency p95 (ms)", b.LatencyP95Ms, c.LatencyP95Ms, higherIsBetter: false),
        };

        var before = baseline.Cases.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = current.Cases.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var regressed = new List<CaseChange>();
        var fixedCases = new List<CaseChange>();
        foreach (var result in current.Cases)
        {
            if (!before.TryGetValue(result.Id, out var old) || old.Passed == result.Passed)
            {
                continue;
            }

            var change = new CaseChange(result.Id, result.Question, old.Answer, result.Answer, result.FailureReason);
            (old.Passed ? regressed : fixedCases).Add(change);
        }

        return new BaselineComparison(
            baselinePath,
            baseline.Config.StartedAt,
            metrics,
            regressed,
            fixedCases,
            [.. baseline.Cases.Select(r => r.Id).Where(id => !now.ContainsKey(id)).Distinct(StringComparer.Ordinal)],
            [.. current.Cases.Select(r => r.Id).Where(id => !before.ContainsKey(id)).Distinct(StringComparer.Ordinal)]);
    }

    private static MetricComparison Metric(string name, double? baseline, double? current, bool higherIsBetter)
    {
        double? delta = baseline.HasValue && current.HasValue ? current.Value - baseline.Value : null;
        var worse = delta.HasValue && Math.Abs(delta.Value) > 1e-9 && (higherIsBetter ? delta.Value < 0 : delta.Value > 0);
        return new MetricComparison(name, baseline, current, delta, higherIsBetter, worse);
    }
}
