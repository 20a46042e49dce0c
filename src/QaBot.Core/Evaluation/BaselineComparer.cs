namespace QaBot.Core.Evaluation;

/// <summary>Compares a run with an earlier report: figures side by side and the cases that changed.</summary>
public static class BaselineComparer
{
    /// <summary>The headline figures' names in the comparison (and the reports).</summary>
    public const string AnswerableAccuracyName = "answerable accuracy";

    public const string DeclineRateName = "unanswerable declined";

    public const string OverallAccuracyName = "overall accuracy";

    public const string LatencyP50Name = "latency p50 (ms)";
    public const string LatencyP95Name = "latency p95 (ms)";

    public static BaselineComparison Compare(EvaluationReport baseline, EvaluationReport current, string baselinePath)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);

        var b = WithFiguresFromCases(baseline);
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

    /// <summary>
    /// The baseline's figures; a report written before answerable accuracy and the answered-answerable
    /// citation precision existed gets them from its own cases, so the comparison still shows them.
    /// </summary>
    private static EvaluationSummary WithFiguresFromCases(EvaluationReport baseline)
    {
        var b = baseline.Metrics;
        if (b.AnswerableAccuracy is not null || b.Answerable == 0 || baseline.Cases.Count == 0)
        {
            return b;
        }

        var recomputed = EvaluationMetrics.Summarize(baseline.Cases, b.K);
        return b with
        {
            AnswerablePassed = recomputed.AnswerablePassed,
            AnswerableAccuracy = recomputed.AnswerableAccuracy,
            AnsweredAnswerableCitedDocuments = recomputed.AnsweredAnswerableCitedDocuments,
            AnsweredAnswerableCitedDocumentsInSources = recomputed.AnsweredAnswerableCitedDocumentsInSources,
            AnsweredAnswerableCitationPrecision = recomputed.AnsweredAnswerableCitationPrecision,
        };
    }

    private static MetricComparison Metric(string name, double? baseline, double? current, bool higherIsBetter)
    {
        double? delta = baseline.HasValue && current.HasValue ? current.Value - baseline.Value : null;
        var worse = delta.HasValue && Math.Abs(delta.Value) > 1e-9 && (higherIsBetter ? delta.Value < 0 : delta.Value > 0);
        return new MetricComparison(name, baseline, current, delta, higherIsBetter, worse);
    }
}
