namespace QaBot.Core.Evaluation;

/// <summary>Compares a run with an earlier report: figures side by side and the cases that changed.</summary>
public static class BaselineComparer
{
    public const string LatencyP50Name = "latency p50 (ms)";
    public const string LatencyP95Name = "latency p95 (ms)";

    public static BaselineComparison Compare(EvaluationReport baseline, EvaluationReport current, string baselinePath)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);

        var b = baseline.Metrics;
        var c = current.Metrics;
        // The rates under the names the reports use, then the latencies.
        var metrics = ReportFormat.Figures(b)
            .Zip(ReportFormat.Figures(c), (old, now) => Metric(now.Name, old.Value, now.Value, higherIsBetter: now.HigherIsBetter))
            .ToList();
        metrics.Add(Metric(LatencyP50Name, b.LatencyP50Ms, c.LatencyP50Ms, higherIsBetter: false));
        metrics.Add(Metric(LatencyP95Name, b.LatencyP95Ms, c.LatencyP95Ms, higherIsBetter: false));

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
