using System.Text;

namespace QaBot.Core.Evaluation;

/// <summary><c>report.md</c>: the summary table, the comparison with a baseline, then the failed cases.</summary>
public static class MarkdownReport
{
    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var m = report.Metrics;
        var c = report.Config;
        var md = new StringBuilder();
        md.AppendLine($"# QaBot evaluation: {Path.GetFileName(c.Questions)}");
        md.AppendLine();
        md.AppendLine($"Run {c.StartedAt:yyyy-MM-dd HH:mm} UTC against **{Cell(c.Target)}**, composer {Cell(c.Composers.Count == 0 ? "n/a" : string.Join(", ", c.Composers))}, "
            + $"{m.Cases} cases ({m.Answerable} answerable, {m.Unanswerable} unanswerable), k = {c.TopK}, "
            + (c.DeclineThreshold is { } threshold ? $"declines below confidence {ReportFormat.Threshold(threshold)}, " : string.Empty)
            + $"{ReportFormat.Milliseconds(c.DurationMs)} ms in all.");
        md.AppendLine();
        md.AppendLine("| metric | value | counted over |");
        md.AppendLine("| --- | ---: | --- |");
        foreach (var (name, value, detail, _) in ReportFormat.Figures(m))
        {
            md.AppendLine($"| {name} | {ReportFormat.Rate(value)} | {Cell(detail)} |");
        }

        md.AppendLine($"| latency p50 | {ReportFormat.Milliseconds(m.LatencyP50Ms)} ms | per question, context turns excluded |");
        md.AppendLine($"| latency p95 | {ReportFormat.Milliseconds(m.LatencyP95Ms)} ms | per question, context turns excluded |");
        if (m.Errors > 0)
        {
            md.AppendLine($"| errors | {m.Errors} | cases whose target threw |");
        }

        if (c.MinAccuracy is { } floor)
        {
            md.AppendLine();
            md.AppendLine(m.Accuracy >= floor
                ? $"Overall accuracy {ReportFormat.Rate(m.Accuracy)} meets the floor {ReportFormat.Rate(floor)}."
                : $"**Overall accuracy {ReportFormat.Rate(m.Accuracy)} is below the floor {ReportFormat.Rate(floor)}.**");
        }

        if (report.ThresholdSweep is { } sweep)
        {
            AppendSweep(md, sweep);
        }

        if (report.Calibration is { Cases: > 0 } calibration)
        {
            AppendCalibration(md, calibration);
        }

        if (report.Comparison is { } comparison)
        {
            AppendComparison(md, comparison);
        }

        var failed = report.Cases.Where(r => !r.Passed).ToList();
        md.AppendLine();
        md.AppendLine($"## Failed cases ({failed.Count})");
        if (failed.Count == 0)
        {
            md.AppendLine();
            md.AppendLine("None.");
        }

        foreach (var r in failed)
        {
            md.AppendLine();
            md.AppendLine($"### {r.Id}: {Inline(r.Question)}");
            md.AppendLine();
            if (r.Context.Count > 0)
            {
                md.AppendLine($"- context: {string.Join(" → ", r.Context.Select(Quote))}");
            }

            if (r.StandaloneQuery is { Length: > 0 } query && query != r.Question)
            {
                md.AppendLine($"- searched for: {Quote(query)}");
            }

            md.AppendLine(r.Answerable
                ? $"- expected: {string.Join(" and ", r.Expected.Select(g => string.Join(" or ", g.Select(Quote))))}; sources {string.Join(", ", r.Sources.Select(Code))}"
                : "- expected: a decline (unanswerable)");
            md.AppendLine($"- answer{(r.Declined ? " (declined)" : string.Empty)}: {Quote(ReportFormat.Truncate(r.Answer, 600))}");
            md.AppendLine($"- cited: {(r.Citations.Count == 0 ? "nothing" : string.Join(", ", r.Citations.Select(x => $"[{x.N}] {Code(x.DocumentId)}")))}");
            if (r.Retrieved.Count > 0)
            {
                md.AppendLine($"- retrieved: {string.Join(", ", r.Retrieved.Select(x => r.Sources.Contains(x.DocumentId) ? $"**{Code(x.ChunkId)}**" : Code(x.ChunkId)))}");
            }

            md.AppendLine($"- why it failed: {Inline(r.FailureReason ?? "unknown")}");
        }

        if (report.SkippedLines.Count > 0)
        {
            md.AppendLine();
            md.AppendLine($"## Skipped lines ({report.SkippedLines.Count})");
            md.AppendLine();
            foreach (var error in report.SkippedLines)
            {
                md.AppendLine($"- line {error.Line}: {Inline(error.Message)}");
            }
        }

        return md.ToString();
    }

    private static void AppendSweep(StringBuilder md, ThresholdSweep sweep)
    {
        md.AppendLine();
        md.AppendLine("## Decline threshold sweep");
        md.AppendLine();
        md.AppendLine($"From one run with every answer kept: at threshold t a case keeps its answer when its confidence is at least t, else QaBot declines. "
            + $"The figures above are at the threshold in force, {ReportFormat.Threshold(sweep.InForce)} (marked)."
            + (sweep.CasesWithoutConfidence > 0 ? $" {sweep.CasesWithoutConfidence} cases without a confidence keep their outcome at every threshold." : string.Empty));
        md.AppendLine();
        md.AppendLine("| threshold | answerable answered right | unanswerable declined | mean of the two | overall accuracy | citation precision, answered answerable |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in sweep.Rows)
        {
            var threshold = ReportFormat.Threshold(row.Threshold);
            md.AppendLine($"| {(row.InForce ? $"**{threshold}** ◀ in force" : threshold)} | {ReportFormat.Rate(row.AnswerableAccuracy)} ({row.AnswerableRight}/{row.Answerable}) | "
                + $"{ReportFormat.Rate(row.DeclineRate)} ({row.UnanswerableDeclined}/{row.Unanswerable}) | {ReportFormat.Rate(row.BalancedAccuracy)} | "
                + $"{ReportFormat.Rate(row.Accuracy)} ({row.Passed}/{row.Cases}) | {ReportFormat.Rate(row.AnsweredAnswerableCitationPrecision)} |");
        }
    }

    private static void AppendCalibration(StringBuilder md, Calibration calibration)
    {
        md.AppendLine();
        md.AppendLine("## Calibration");
        md.AppendLine();
        md.AppendLine(Inline(ReportFormat.CalibrationNote(calibration)));
        md.AppendLine();
        md.AppendLine("| confidence | cases | right | share right | mean confidence |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var bin in calibration.Bins)
        {
            md.AppendLine($"| {ReportFormat.Number(bin.Lower, "0.0")}–{ReportFormat.Number(bin.Upper, "0.0")} | {bin.Cases} | {bin.Right} | {ReportFormat.Rate(bin.RightShare)} | {ReportFormat.Rate(bin.MeanConfidence)} |");
        }
    }

    private static void AppendComparison(StringBuilder md, BaselineComparison comparison)
    {
        md.AppendLine();
        md.AppendLine($"## Against the baseline ({Cell(comparison.Baseline)}, run {comparison.BaselineStartedAt:yyyy-MM-dd HH:mm} UTC)");
        md.AppendLine();
        md.AppendLine("| metric | baseline | now | change |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var metric in comparison.Metrics)
        {
            var isRate = metric.Name is not (BaselineComparer.LatencyP50Name or BaselineComparer.LatencyP95Name);
            string Format(double? v) => isRate ? ReportFormat.Rate(v) : ReportFormat.Milliseconds(v);
            var change = ReportFormat.Delta(metric.Delta, isRate) + (metric.Worse ? " (worse)" : string.Empty);
            md.AppendLine($"| {metric.Name} | {Format(metric.Baseline)} | {Format(metric.Current)} | {change} |");
        }

        md.AppendLine();
        md.AppendLine($"### Regressed cases ({comparison.Regressed.Count}): passed in the baseline, fail now");
        md.AppendLine();
        if (comparison.Regressed.Count == 0)
        {
            md.AppendLine("None.");
        }

        foreach (var change in comparison.Regressed)
        {
            md.AppendLine($"- **{change.Id}** {Inline(change.Question)} — was {Quote(ReportFormat.Truncate(change.BaselineAnswer, 200))}, now {Quote(ReportFormat.Truncate(change.CurrentAnswer, 200))}: {Inline(change.FailureReason ?? string.Empty)}");
        }

        if (comparison.Fixed.Count > 0)
        {
            md.AppendLine();
            md.AppendLine($"Fixed since the baseline: {string.Join(", ", comparison.Fixed.Select(f => f.Id))}.");
        }

        if (comparison.OnlyInBaseline.Count > 0 || comparison.OnlyInCurrent.Count > 0)
        {
            md.AppendLine();
            md.AppendLine($"Only in the baseline: {(comparison.OnlyInBaseline.Count == 0 ? "none" : string.Join(", ", comparison.OnlyInBaseline))}; "
                + $"only in this run: {(comparison.OnlyInCurrent.Count == 0 ? "none" : string.Join(", ", comparison.OnlyInCurrent))}.");
        }
    }

    /// <summary>Text on one line, with characters that Markdown would act on escaped.</summary>
    private static string Inline(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\r' or '\n')
            {
                builder.Append(' ');
            }
            else
            {
                if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
                {
                    builder.Append('\\');
                }

                builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    private static string Cell(string text) => Inline(text);

    private static string Quote(string text) => $"“{Inline(text)}”";

    private static string Code(string text) => $"`{text.Replace('`', '\'')}`";
}
