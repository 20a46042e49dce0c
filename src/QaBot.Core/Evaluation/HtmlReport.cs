using System.Globalization;
using System.Net;
using System.Text;

namespace QaBot.Core.Evaluation;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG, no script, no external resource) with
/// the summary, the charts, the comparison with a baseline and every case with its citations and
/// snippets. All text from answers and documents is HTML-escaped.
/// </summary>
public static class HtmlReport
{
    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var m = report.Metrics;
        var c = report.Config;
        var comparison = report.Comparison;
        var html = new StringBuilder();
        var title = $"QaBot evaluation: {Path.GetFileName(c.Questions)}";

        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        html.AppendLine($"<style>{Css}</style></head><body>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"meta\">Run {c.StartedAt:yyyy-MM-dd HH:mm} UTC against <b>{E(c.Target)}</b> · composer {E(c.Composers.Count == 0 ? "n/a" : string.Join(", ", c.Composers))} · {m.Cases} cases ({m.Answerable} answerable, {m.Unanswerable} unanswerable) · k = {c.TopK}{(c.DeclineThreshold is { } threshold ? $" · declines below confidence {ReportFormat.Threshold(threshold)}" : string.Empty)} · {E(ReportFormat.Milliseconds(c.DurationMs))} ms in all</p>");

        AppendHeadline(html, m, c);
        AppendSummaryTable(html, m);

        html.AppendLine("<section class=\"charts\">");
        html.AppendLine("<figure><figcaption>Metrics (0–1)</figcaption>");
        var bars = ReportFormat.Figures(m)
            .Select(f => new SvgCharts.Bar(f.Name, f.Value, comparison?.Metrics.FirstOrDefault(c => c.Name == f.Name)?.Baseline))
            .ToList();
        html.AppendLine(SvgCharts.MetricBars(bars, withBaseline: comparison is not null));
        html.AppendLine("</figure>");
        if (report.Calibration is { } calibration)
        {
            AppendCalibration(html, calibration, c.DeclineThreshold);
        }

        html.AppendLine("<figure><figcaption>Latency per question</figcaption>");
        html.AppendLine(SvgCharts.LatencyHistogram(
            [.. report.Cases.Where(r => r.Error is null).Select(r => r.ElapsedMs)], m.LatencyP50Ms, m.LatencyP95Ms));
        html.AppendLine("</figure>");
        html.AppendLine("</section>");

        if (report.ThresholdSweep is { } sweep)
        {
            AppendSweep(html, sweep);
        }

        if (comparison is not null)
        {
            AppendComparison(html, comparison);
        }

        if (report.SkippedLines.Count > 0)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<h2>Skipped lines ({report.SkippedLines.Count})</h2><ul class=\"skipped\">");
            foreach (var error in report.SkippedLines)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<li>line {error.Line}: {E(error.Message)}</li>");
            }

            html.AppendLine("</ul>");
        }

        AppendCases(html, report.Cases);
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void AppendHeadline(StringBuilder html, EvaluationSummary m, EvaluationConfig c)
    {
        html.AppendLine("<div class=\"tiles\">");
        Tile(html, ReportFormat.AnswerableAccuracyName, ReportFormat.Rate(m.AnswerableAccuracy), $"{m.AnswerablePassed}/{m.Answerable} right · {m.FalseDeclines} declined", null);
        Tile(html, ReportFormat.DeclineRateName, ReportFormat.Rate(m.CorrectDeclineRate), $"{m.CorrectDeclines}/{m.Unanswerable} unanswerable declined", null);
        Tile(html, ReportFormat.OverallAccuracyName, ReportFormat.Rate(m.Accuracy), $"{m.Passed}/{m.Cases} passed", c.MinAccuracy is { } floor && m.Accuracy < floor ? "bad" : null);
        Tile(html, "citation precision", ReportFormat.Rate(m.CitationPrecision), $"answered answerable {ReportFormat.Rate(m.AnsweredAnswerableCitationPrecision)} ({m.AnsweredAnswerableCitedDocumentsInSources}/{m.AnsweredAnswerableCitedDocuments})", null);
        Tile(html, $"recall@{m.K}", ReportFormat.Rate(m.RecallAtK), $"MRR {ReportFormat.Rate(m.Mrr)}", null);
        Tile(html, "latency p50", $"{ReportFormat.Milliseconds(m.LatencyP50Ms)} ms", $"p95 {ReportFormat.Milliseconds(m.LatencyP95Ms)} ms", null);
        html.AppendLine("</div>");
        if (c.MinAccuracy is { } min)
        {
            html.AppendLine(m.Accuracy >= min
                ? $"<p class=\"floor ok\">Overall accuracy meets the floor of {ReportFormat.Rate(min)}.</p>"
                : $"<p class=\"floor bad\">Overall accuracy is below the floor of {ReportFormat.Rate(min)}.</p>");
        }
    }

    private static void Tile(StringBuilder html, string label, string value, string detail, string? state) =>
        html.AppendLine(CultureInfo.InvariantCulture, $"<div class=\"tile{(state is null ? string.Empty : " " + state)}\"><div class=\"tile-label\">{E(label)}</div><div class=\"tile-value\">{E(value)}</div><div class=\"tile-detail\">{E(detail)}</div></div>");

    private static void AppendSummaryTable(StringBuilder html, EvaluationSummary m)
    {
        html.AppendLine("<h2>Summary</h2><table class=\"summary\"><thead><tr><th>metric</th><th class=\"num\">value</th><th>counted over</th></tr></thead><tbody>");
        foreach (var (name, value, detail, _) in ReportFormat.Figures(m))
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td class=\"num\">{E(ReportFormat.Rate(value))}</td><td>{E(detail)}</td></tr>");
        }

        html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>latency p50 / p95</td><td class=\"num\">{E(ReportFormat.Milliseconds(m.LatencyP50Ms))} / {E(ReportFormat.Milliseconds(m.LatencyP95Ms))} ms</td><td>per question, context turns excluded</td></tr>");
        if (m.Errors > 0)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr class=\"fail\"><td>errors</td><td class=\"num\">{m.Errors}</td><td>cases whose target threw</td></tr>");
        }

        html.AppendLine("</tbody></table>");
    }

    private static void AppendSweep(StringBuilder html, ThresholdSweep sweep)
    {
        html.AppendLine("<h2>Decline threshold sweep</h2>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"meta\">From one run with every answer kept: at threshold t a case keeps its answer when its confidence is at least t, else QaBot declines. The marked row is the threshold in force ({ReportFormat.Threshold(sweep.InForce)}), at which the figures above are reported.{(sweep.CasesWithoutConfidence > 0 ? $" {sweep.CasesWithoutConfidence} cases without a confidence keep their outcome at every threshold." : string.Empty)}</p>");
        html.AppendLine("<figure id=\"sweep\"><figcaption>The trade-off: each figure per decline threshold</figcaption>");
        html.AppendLine(SvgCharts.ThresholdSweepChart(sweep));
        html.AppendLine("</figure>");
        html.AppendLine("<table class=\"summary\" id=\"threshold-sweep\"><thead><tr><th class=\"num\">threshold</th><th class=\"num\">answerable answered right</th><th class=\"num\">unanswerable declined</th><th class=\"num\">mean of the two</th><th class=\"num\">overall accuracy</th><th class=\"num\">citation precision, answered answerable</th></tr></thead><tbody>");
        foreach (var row in sweep.Rows)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr{(row.InForce ? " class=\"in-force\"" : string.Empty)}><td class=\"num\">{E(ReportFormat.Threshold(row.Threshold))}{(row.InForce ? " ◀ in force" : string.Empty)}</td><td class=\"num\">{E(ReportFormat.Rate(row.AnswerableAccuracy))} ({row.AnswerableRight}/{row.Answerable})</td><td class=\"num\">{E(ReportFormat.Rate(row.DeclineRate))} ({row.UnanswerableDeclined}/{row.Unanswerable})</td><td class=\"num\">{E(ReportFormat.Rate(row.BalancedAccuracy))}</td><td class=\"num\">{E(ReportFormat.Rate(row.Accuracy))} ({row.Passed}/{row.Cases})</td><td class=\"num\">{E(ReportFormat.Rate(row.AnsweredAnswerableCitationPrecision))}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
    }

    private static void AppendCalibration(StringBuilder html, Calibration calibration, double? declineThreshold)
    {
        html.AppendLine("<figure id=\"calibration\"><figcaption>Calibration: confidence against answers right</figcaption>");
        html.AppendLine(SvgCharts.CalibrationChart(calibration, declineThreshold));
        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"chart-note\">{E(ReportFormat.CalibrationNote(calibration))}</p>");
        html.AppendLine("</figure>");
    }

    private static void AppendComparison(StringBuilder html, BaselineComparison comparison)
    {
        html.AppendLine(CultureInfo.InvariantCulture, $"<h2>Against the baseline</h2><p class=\"meta\">{E(comparison.Baseline)}, run {comparison.BaselineStartedAt:yyyy-MM-dd HH:mm} UTC</p>");
        html.AppendLine("<table class=\"summary\" id=\"comparison\"><thead><tr><th>metric</th><th class=\"num\">baseline</th><th class=\"num\">now</th><th class=\"num\">change</th></tr></thead><tbody>");
        foreach (var metric in comparison.Metrics)
        {
            var isRate = metric.Name is not (BaselineComparer.LatencyP50Name or BaselineComparer.LatencyP95Name);
            string Format(double? v) => isRate ? ReportFormat.Rate(v) : ReportFormat.Milliseconds(v);
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr{(metric.Worse ? " class=\"fail\"" : string.Empty)}><td>{E(metric.Name)}</td><td class=\"num\">{E(Format(metric.Baseline))}</td><td class=\"num\">{E(Format(metric.Current))}</td><td class=\"num\">{E(ReportFormat.Delta(metric.Delta, isRate))}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h3>Regressed cases ({comparison.Regressed.Count})</h3>");
        if (comparison.Regressed.Count == 0)
        {
            html.AppendLine("<p>None: every case that passed in the baseline still passes.</p>");
        }
        else
        {
            html.AppendLine("<ul class=\"regressed\">");
            foreach (var change in comparison.Regressed)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<li><a href=\"#case-{E(change.Id)}\"><b>{E(change.Id)}</b></a> {E(change.Question)}<br><span class=\"was\">was: {E(ReportFormat.Truncate(change.BaselineAnswer, 300))}</span><br><span class=\"now\">now: {E(ReportFormat.Truncate(change.CurrentAnswer, 300))}</span><br><span class=\"reason\">{E(change.FailureReason ?? string.Empty)}</span></li>");
            }

            html.AppendLine("</ul>");
        }

        if (comparison.Fixed.Count > 0)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<p>Fixed since the baseline: {E(string.Join(", ", comparison.Fixed.Select(f => f.Id)))}.</p>");
        }
    }

    private static void AppendCases(StringBuilder html, IReadOnlyList<EvalCaseResult> cases)
    {
        var failed = cases.Count(r => !r.Passed);
        html.AppendLine(CultureInfo.InvariantCulture, $"<h2>Cases ({cases.Count}, {failed} failed)</h2>");
        // A CSS-only filter: the page stays script-free.
        html.AppendLine("<input type=\"checkbox\" id=\"only-failed\"><label for=\"only-failed\"> show failed cases only</label>");
        html.AppendLine("<table class=\"cases\"><thead><tr><th>case</th><th>question</th><th>answer and citations</th><th>why it failed</th><th>retrieved</th><th class=\"num\">ms</th></tr></thead><tbody>");
        foreach (var r in cases)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr id=\"case-{E(r.Id)}\" class=\"{(r.Passed ? "pass" : "fail")}\">");
            html.Append(CultureInfo.InvariantCulture, $"<td><b>{E(r.Id)}</b><br><span class=\"badge {(r.Passed ? "pass" : "fail")}\">{(r.Passed ? "PASS" : "FAIL")}</span>{(r.Answerable ? string.Empty : "<br><span class=\"tag\">unanswerable</span>")}{(r.Confidence is { } confidence ? $"<br><span class=\"tag\">confidence {ReportFormat.Rate(confidence)}</span>" : string.Empty)}{(r.Partial ? "<br><span class=\"tag\">partial</span>" : string.Empty)}</td>");

            html.Append("<td>");
            foreach (var turn in r.Context)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"context\">earlier: {E(turn)}</div>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<div>{E(r.Question)}</div>");
            if (r.StandaloneQuery is { Length: > 0 } query && query != r.Question)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"context\">searched: {E(query)}</div>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<div class=\"expected\">expected: {E(r.Answerable ? string.Join(" and ", r.Expected.Select(g => string.Join(" or ", g))) : "a decline")}</div></td>");

            html.Append(CultureInfo.InvariantCulture, $"<td><div class=\"answer{(r.Declined ? " declined" : string.Empty)}\">{E(r.Answer)}</div>");
            if (r.Citations.Count > 0)
            {
                html.Append("<ol class=\"citations\">");
                foreach (var citation in r.Citations)
                {
                    var gold = r.Sources.Contains(citation.DocumentId);
                    html.Append(CultureInfo.InvariantCulture, $"<li value=\"{citation.N}\"><details{(r.Passed ? string.Empty : " open")}><summary><span class=\"doc{(gold ? " gold" : string.Empty)}\">{E(citation.DocumentId)}</span> {E(citation.Title)}</summary><blockquote>{E(citation.Snippet)}</blockquote></details></li>");
                }

                html.Append("</ol>");
            }

            html.Append("</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"reason\">{E(r.FailureReason ?? string.Empty)}</td>");
            html.Append("<td class=\"retrieved\">");
            foreach (var chunk in r.Retrieved)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"{(r.Sources.Contains(chunk.DocumentId) ? "gold" : "other")}\">{E(chunk.ChunkId)}</div>");
            }

            html.Append(CultureInfo.InvariantCulture, $"</td><td class=\"num\">{E(ReportFormat.Milliseconds(r.ElapsedMs))}</td></tr>");
            html.AppendLine();
        }

        html.AppendLine("</tbody></table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#171717;margin:24px auto;max-width:1200px;padding:0 16px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px}
        .meta{color:#525252;margin:0 0 12px}
        .tiles{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
        .tile{border:1px solid #e5e5e5;border-radius:8px;padding:10px 14px;min-width:150px;background:#fafafa}
        .tile.bad{border-color:#dc2626;background:#fef2f2}
        .tile-label{color:#525252;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
        .tile-value{font-size:24px;font-weight:600}.tile-detail{color:#525252;font-size:12px}
        .floor.ok{color:#15803d}.floor.bad{color:#b91c1c;font-weight:600}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e5e5;padding:6px 8px;text-align:left;vertical-align:top}
        th{background:#f5f5f5;font-weight:600}td.num,th.num{text-align:right;white-space:nowrap}
        table.summary{width:auto;min-width:560px}
        tr.fail td{background:#fff7f7}
        .charts{display:flex;flex-wrap:wrap;gap:16px;margin-top:20px}figure{margin:0;border:1px solid #e5e5e5;border-radius:8px;padding:8px}
        figcaption{font-weight:600;margin-bottom:4px}
        svg.chart{max-width:100%;height:auto;font-size:12px;font-family:inherit}
        svg .tick{fill:#525252;font-size:11px}svg .label{fill:#262626}svg .value{fill:#171717;font-weight:600}
        svg .legend{fill:#262626;font-size:12px}svg .marker-label{fill:#b91c1c;font-size:11px}
        .badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;font-weight:700;color:#fff}
        .badge.pass{background:#15803d}.badge.fail{background:#dc2626}
        .tag{font-size:11px;color:#525252}
        .context,.expected{color:#525252;font-size:12px}
        .answer.declined{font-style:italic;color:#404040}
        ol.citations{margin:6px 0 0;padding-left:22px}ol.citations summary{cursor:pointer}
        blockquote{margin:4px 0;padding:4px 8px;border-left:3px solid #d4d4d4;color:#404040;background:#fafafa;white-space:pre-wrap}
        .doc,.retrieved div{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
        .gold{color:#15803d;font-weight:600}.retrieved .other{color:#737373}
        td.reason{color:#b91c1c;max-width:260px}
        .was{color:#525252}.now{color:#171717}.regressed .reason{color:#b91c1c}
        #only-failed:checked ~ table.cases tr.pass{display:none}
        tr.in-force td{background:#eff6ff;font-weight:600}
        #sweep{display:inline-block}#threshold-sweep{min-width:0}#threshold-sweep th{white-space:normal;vertical-align:bottom}
        .chart-note{color:#525252;font-size:12px;max-width:520px;margin:4px 0 0}
        """;
}
