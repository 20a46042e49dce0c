using System.Globalization;
using System.Net;
using System.Text;

namespace QaBot.Core.Evaluation;

/// <summary>
/// The HTML report's charts as inline SVG written here rather than with ScottPlot: they are a few
/// rectangles and labels, and hand-written SVG keeps QaBot.Core free of SkiaSharp's native libraries and
/// fonts, stays crisp at any zoom, works offline with no script, and leaves the bars and labels as DOM
/// elements a browser test (and a screen reader, via &lt;title&gt;) can read.
/// </summary>
internal static class SvgCharts
{
    private const string Current = "#2563eb";
    private const string Baseline = "#a3a3a3";
    private const string Axis = "#525252";
    private const string Grid = "#e5e5e5";

    /// <summary>One bar of the metric chart: a 0..1 rate, with the baseline's value when comparing.</summary>
    public sealed record Bar(string Label, double? Value, double? BaselineValue);

    /// <summary>Horizontal bars on a 0..1 scale; a pale bar under each shows the baseline when there is one.</summary>
    public static string MetricBars(IReadOnlyList<Bar> bars, bool withBaseline)
    {
        const int width = 720, labelWidth = 190, valueWidth = 110, top = 28, bottom = 26;
        var rowHeight = withBaseline ? 40 : 28;
        var plotWidth = width - labelWidth - valueWidth;
        var height = top + (bars.Count * rowHeight) + bottom;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"metric-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"metric-chart-title\">");
        svg.Append("<title id=\"metric-chart-title\">Evaluation metrics, 0 to 1</title>");

        for (var tick = 0; tick <= 4; tick++)
        {
            var x = labelWidth + (plotWidth * tick / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{top - 6}\" x2=\"{F(x)}\" y2=\"{height - bottom}\" stroke=\"{(tick == 0 ? Axis : Grid)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{height - 8}\" text-anchor=\"middle\" class=\"tick\">{F(tick / 4.0)}</text>");
        }

        if (withBaseline)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{Current}\"/><text x=\"{labelWidth + 18}\" y=\"16\" class=\"legend\">this run</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth + 100}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{Baseline}\"/><text x=\"{labelWidth + 118}\" y=\"16\" class=\"legend\">baseline</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + (i * rowHeight);
            var barHeight = withBaseline ? 16 : 18;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + (rowHeight / 2) + 4}\" text-anchor=\"end\" class=\"label\">{Escape(bar.Label)}</text>");
            AppendBar(svg, "metric-bar", bar.Label, "this run", bar.Value, labelWidth, plotWidth, y + 4, barHeight, Current);
            if (withBaseline)
            {
                AppendBar(svg, "baseline-bar", bar.Label, "baseline", bar.BaselineValue, labelWidth, plotWidth, y + 4 + barHeight + 2, barHeight - 6, Baseline);
            }

            var text = bar.Value is { } v ? F3(v) : ReportFormat.NotAvailable;
            if (withBaseline)
            {
                text += " (" + (bar.BaselineValue is { } b ? F3(b) : ReportFormat.NotAvailable) + ")";
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - valueWidth + 8}\" y=\"{y + (rowHeight / 2) + 4}\" class=\"value\">{text}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// A histogram of per-question latencies in evenly sized bins with "nice" widths, with dashed lines at
    /// p50 and p95.
    /// </summary>
    public static string LatencyHistogram(IReadOnlyList<double> latenciesMs, double? p50, double? p95)
    {
        const int width = 720, height = 260, left = 52, right = 16, top = 24, bottom = 44;
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"latency-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"latency-chart-title\">");
        svg.Append("<title id=\"latency-chart-title\">Latency per question, milliseconds</title>");

        if (latenciesMs.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{height / 2}\" text-anchor=\"middle\" class=\"label\">no latencies recorded</text></svg>");
            return svg.ToString();
        }

        var (binWidth, binCount) = Bins(latenciesMs.Max(), latenciesMs.Count);
        var counts = new int[binCount];
        foreach (var latency in latenciesMs)
        {
            counts[Math.Min(binCount - 1, (int)Math.Floor(latency / binWidth))]++;
        }

        var maxCount = counts.Max();
        var yTicks = NiceStep(maxCount / 4.0);
        var yMax = Math.Ceiling(maxCount / yTicks) * yTicks;
        var xMax = binWidth * binCount;
        double X(double ms) => left + (plotWidth * ms / xMax);
        double Y(double count) => top + plotHeight - (plotHeight * count / yMax);

        for (var t = 0.0; t <= yMax + 1e-9; t += yTicks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{F(Y(t))}\" x2=\"{width - right}\" y2=\"{F(Y(t))}\" stroke=\"{Grid}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(Y(t) + 4)}\" text-anchor=\"end\" class=\"tick\">{F(t)}</text>");
        }

        for (var i = 0; i < binCount; i++)
        {
            var x = X(i * binWidth);
            var w = X((i + 1) * binWidth) - x;
            var y = Y(counts[i]);
            var from = F(i * binWidth);
            var to = F((i + 1) * binWidth);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"latency-bar\" x=\"{F(x + 1)}\" y=\"{F(y)}\" width=\"{F(Math.Max(0, w - 2))}\" height=\"{F(top + plotHeight - y)}\" fill=\"{Current}\" data-count=\"{counts[i]}\"><title>{from}–{to} ms: {counts[i]} question{(counts[i] == 1 ? string.Empty : "s")}</title></rect>");
        }

        var labelEvery = Math.Max(1, (int)Math.Ceiling(binCount / 10.0));
        for (var i = 0; i <= binCount; i += labelEvery)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i * binWidth))}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\" class=\"tick\">{F(i * binWidth)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - right}\" y2=\"{top + plotHeight}\" stroke=\"{Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" stroke=\"{Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (plotWidth / 2)}\" y=\"{height - 6}\" text-anchor=\"middle\" class=\"label\">milliseconds per question</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{top + (plotHeight / 2)}\" text-anchor=\"middle\" class=\"label\" transform=\"rotate(-90 14 {top + (plotHeight / 2)})\">questions</text>");

        // p50 is labelled left of its line and p95 right of its, so close values do not overprint; a p95
        // near the right edge is labelled left of its line one row lower.
        var p50NearLeft = p50 is { } q && X(q) < left + 90;
        AppendMarker(svg, "p50", p50, X, top, plotHeight, anchorEnd: !p50NearLeft, labelY: top - 8);
        var p95NearEdge = p95 is { } p && X(p) > width - right - 120;
        AppendMarker(svg, "p95", p95, X, top, plotHeight, anchorEnd: p95NearEdge, labelY: p95NearEdge ? top + 10 : top - 8);

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A bin width of 1, 2 or 5 × 10^n giving about √n bins (between 8 and 24) up to <paramref name="max"/>.</summary>
    internal static (double Width, int Count) Bins(double max, int sampleCount)
    {
        var target = Math.Clamp((int)Math.Ceiling(Math.Sqrt(sampleCount)), 8, 24);
        var width = NearestNiceStep(Math.Max(max, 1e-3) / target);
        var count = Math.Max(1, (int)Math.Floor(max / width) + 1);
        return (width, count);
    }

    /// <summary>The 1, 2 or 5 × 10^n closest to <paramref name="raw"/> (by ratio).</summary>
    internal static double NearestNiceStep(double raw)
    {
        if (raw <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1.0, 2.0, 5.0, 10.0 }
            .Select(f => f * magnitude)
            .MinBy(c => Math.Abs(Math.Log(c / raw)));
    }

    /// <summary>The smallest of 1, 2, 5 × 10^n at least <paramref name="raw"/>.</summary>
    internal static double NiceStep(double raw)
    {
        if (raw <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (factor * magnitude >= raw - 1e-12)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static void AppendBar(StringBuilder svg, string cssClass, string label, string series, double? value, int x, int plotWidth, int y, int height, string fill)
    {
        var v = Math.Clamp(value ?? 0, 0, 1);
        var w = Math.Max(value is null ? 0 : 1.5, plotWidth * v);
        var title = $"{label}, {series}: {(value is { } val ? F3(val) : ReportFormat.NotAvailable)}";
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{x}\" y=\"{y}\" width=\"{F(w)}\" height=\"{height}\" rx=\"2\" fill=\"{fill}\" data-value=\"{(value is { } dv ? F3(dv) : string.Empty)}\"><title>{Escape(title)}</title></rect>");
    }

    private static void AppendMarker(StringBuilder svg, string name, double? ms, Func<double, double> x, int top, int plotHeight, bool anchorEnd, int labelY)
    {
        if (ms is not { } value)
        {
            return;
        }

        var px = F(x(value));
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"marker\" x1=\"{px}\" y1=\"{top - 4}\" x2=\"{px}\" y2=\"{top + plotHeight}\" stroke=\"#dc2626\" stroke-dasharray=\"4 3\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px}\" y=\"{labelY}\" dx=\"{(anchorEnd ? -4 : 4)}\" text-anchor=\"{(anchorEnd ? "end" : "start")}\" class=\"marker-label\">{name} {ReportFormat.Milliseconds(value)} ms</text>");
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string F3(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
