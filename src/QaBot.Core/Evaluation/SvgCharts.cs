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
    private const string Outlier = "#7c3aed";
    private const string Declines = "#ea580c";

    /// <summary>One bar of the metric chart: a 0..1 rate, with the baseline's value when comparing.</summary>
    public sealed record Bar(string Label, double? Value, double? BaselineValue);

    /// <summary>Horizontal bars on a 0..1 scale; a pale bar under each shows the baseline when there is one.</summary>
    public static string MetricBars(IReadOnlyList<Bar> bars, bool withBaseline)
    {
        const int width = 780, labelWidth = 250, valueWidth = 110, top = 28, bottom = 26;
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
    /// p50 and p95. When the slowest question is far beyond p95 (a cold start, say) the bins stop at
    /// 1.5 × p95 and one last bar, "≥ edge", holds the outliers, so one slow question does not squash the rest.
    /// </summary>
    public static string LatencyHistogram(IReadOnlyList<double> latenciesMs, double? p50, double? p95)
    {
        const int width = 720, height = 276, left = 52, right = 16, top = 40, bottom = 44;
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

        var max = latenciesMs.Max();
        var (binWidth, binCount, overflow) = HistogramLayout(max, p95 ?? max, latenciesMs.Count);
        var slots = binCount + (overflow ? 1 : 0);
        var counts = new int[slots];
        foreach (var latency in latenciesMs)
        {
            counts[Math.Min(slots - 1, (int)Math.Floor(latency / binWidth))]++;
        }

        var maxCount = counts.Max();
        var yTicks = NiceStep(maxCount / 4.0);
        var yMax = Math.Ceiling(maxCount / yTicks) * yTicks;
        var slotWidth = (double)plotWidth / slots;
        double X(double ms) => left + (slotWidth * ms / binWidth);
        double Y(double count) => top + plotHeight - (plotHeight * count / yMax);

        for (var t = 0.0; t <= yMax + 1e-9; t += yTicks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{F(Y(t))}\" x2=\"{width - right}\" y2=\"{F(Y(t))}\" stroke=\"{Grid}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(Y(t) + 4)}\" text-anchor=\"end\" class=\"tick\">{F(t)}</text>");
        }

        for (var i = 0; i < slots; i++)
        {
            var isOverflow = overflow && i == binCount;
            var x = left + (i * slotWidth);
            var y = Y(counts[i]);
            var range = isOverflow ? $"≥ {F(i * binWidth)} ms" : $"{F(i * binWidth)}–{F((i + 1) * binWidth)} ms";
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"latency-bar{(isOverflow ? " overflow" : string.Empty)}\" x=\"{F(x + 1)}\" y=\"{F(y)}\" width=\"{F(Math.Max(0, slotWidth - 2))}\" height=\"{F(top + plotHeight - y)}\" fill=\"{(isOverflow ? Outlier : Current)}\" data-count=\"{counts[i]}\"><title>{range}: {counts[i]} question{(counts[i] == 1 ? string.Empty : "s")}</title></rect>");
        }

        var labelEvery = Math.Max(1, (int)Math.Ceiling(binCount / 10.0));
        for (var i = 0; i <= binCount - (overflow ? 1 : 0); i += labelEvery)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + (i * slotWidth))}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\" class=\"tick\">{F(i * binWidth)}</text>");
        }

        if (overflow)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + ((binCount + 0.5) * slotWidth))}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\" class=\"tick\">≥ {F(binCount * binWidth)} (max {ReportFormat.Milliseconds(max)})</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - right}\" y2=\"{top + plotHeight}\" stroke=\"{Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" stroke=\"{Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (plotWidth / 2)}\" y=\"{height - 6}\" text-anchor=\"middle\" class=\"label\">milliseconds per question</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{top + (plotHeight / 2)}\" text-anchor=\"middle\" class=\"label\" transform=\"rotate(-90 14 {top + (plotHeight / 2)})\">questions</text>");

        // The two labels sit on separate rows above the plot so close percentiles never overprint.
        AppendMarker(svg, "p50", p50, X, top, plotHeight, width - right, labelY: top - 22);
        AppendMarker(svg, "p95", p95, X, top, plotHeight, width - right, labelY: top - 8);

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// A reliability diagram: one bar per confidence bin, spanning the bin and as tall as the share of its
    /// cases answered right, a dot at (mean confidence, share), the diagonal a perfectly calibrated
    /// confidence would follow, each bin's case count under the axis, and a dashed line at the decline threshold.
    /// </summary>
    public static string CalibrationChart(Calibration calibration, double? declineThreshold)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        const int width = 520, left = 56, right = 24, top = 34, plotHeight = 300, bottom = 68;
        const int plotWidth = width - left - right, height = top + plotHeight + bottom;
        double X(double confidence) => left + (plotWidth * confidence);
        double Y(double share) => top + (plotHeight * (1 - share));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"calibration-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"calibration-chart-title\">");
        svg.Append("<title id=\"calibration-chart-title\">Calibration: share of answers right per confidence bin, against the diagonal</title>");
        if (calibration.Cases == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{height / 2}\" text-anchor=\"middle\" class=\"label\">no answer with a confidence to bin</text></svg>");
            return svg.ToString();
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{Current}\"/><text x=\"{left + 18}\" y=\"18\" class=\"legend\">share answered right</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{left + 176}\" cy=\"14\" r=\"4\" fill=\"{Outlier}\"/><text x=\"{left + 186}\" y=\"18\" class=\"legend\">at mean confidence</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left + 316}\" y1=\"14\" x2=\"{left + 340}\" y2=\"14\" stroke=\"{Axis}\" stroke-dasharray=\"5 4\"/><text x=\"{left + 346}\" y=\"18\" class=\"legend\">calibrated</text>");

        for (var i = 0; i <= 5; i++)
        {
            var y = Y(i / 5.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{F(y)}\" x2=\"{width - right}\" y2=\"{F(y)}\" stroke=\"{Grid}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" class=\"tick\">{F(i / 5.0)}</text>");
        }

        for (var i = 0; i <= calibration.Bins.Count; i++)
        {
            var x = X((double)i / calibration.Bins.Count);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\" class=\"tick\">{F((double)i / calibration.Bins.Count)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + plotHeight + 34}\" text-anchor=\"end\" class=\"tick\">cases</text>");
        foreach (var bin in calibration.Bins)
        {
            var x = X(bin.Lower);
            var barWidth = Math.Max(0, X(bin.Upper) - x - 2);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"bin-count\" x=\"{F((X(bin.Lower) + X(bin.Upper)) / 2)}\" y=\"{top + plotHeight + 34}\" text-anchor=\"middle\" data-count=\"{bin.Cases}\">{bin.Cases}</text>");
            if (bin is not { Cases: > 0, RightShare: { } share, MeanConfidence: { } meanConfidence })
            {
                continue;
            }

            // A bin none of whose answers was right still shows a sliver, so it reads as counted, not empty.
            var top0 = Math.Min(Y(share), Y(0) - 1.5);
            var title = $"confidence {F(bin.Lower)}–{F(bin.Upper)}: {bin.Right} of {bin.Cases} right ({F3(share)}), mean confidence {F3(meanConfidence)}";
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"calibration-bar\" x=\"{F(x + 1)}\" y=\"{F(top0)}\" width=\"{F(barWidth)}\" height=\"{F(Y(0) - top0)}\" fill=\"{Current}\" fill-opacity=\"0.8\" data-lower=\"{F(bin.Lower)}\" data-count=\"{bin.Cases}\" data-right=\"{bin.Right}\" data-share=\"{F3(share)}\"><title>{Escape(title)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"calibration-point\" cx=\"{F(X(meanConfidence))}\" cy=\"{F(Y(share))}\" r=\"4\" fill=\"{Outlier}\" data-confidence=\"{F3(meanConfidence)}\" data-share=\"{F3(share)}\"><title>{Escape(title)}</title></circle>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"diagonal\" x1=\"{F(X(0))}\" y1=\"{F(Y(0))}\" x2=\"{F(X(1))}\" y2=\"{F(Y(1))}\" stroke=\"{Axis}\" stroke-dasharray=\"5 4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - right}\" y2=\"{top + plotHeight}\" stroke=\"{Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" stroke=\"{Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (plotWidth / 2)}\" y=\"{height - 8}\" text-anchor=\"middle\" class=\"label\">confidence (the model's probability that its best sentence answers)</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{top + (plotHeight / 2)}\" text-anchor=\"middle\" class=\"label\" transform=\"rotate(-90 14 {top + (plotHeight / 2)})\">share answered right</text>");

        if (declineThreshold is { } threshold)
        {
            var px = X(Math.Clamp(threshold, 0, 1));
            var anchorEnd = px > width - right - 140;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"threshold-marker\" x1=\"{F(px)}\" y1=\"{top}\" x2=\"{F(px)}\" y2=\"{top + plotHeight}\" stroke=\"#dc2626\" stroke-dasharray=\"4 3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(px)}\" y=\"{top + 12}\" dx=\"{(anchorEnd ? -4 : 4)}\" text-anchor=\"{(anchorEnd ? "end" : "start")}\" class=\"marker-label\">declines below {ReportFormat.Threshold(threshold)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// The threshold sweep as lines over the decline threshold: answerable answered right (falling as the
    /// threshold rises) and unanswerable declined (rising), with their mean dashed and a line at the
    /// threshold in force, so the trade-off and the crossing point can be seen at a glance.
    /// </summary>
    public static string ThresholdSweepChart(ThresholdSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        const int width = 520, left = 56, right = 24, top = 34, plotHeight = 260, bottom = 44;
        const int plotWidth = width - left - right, height = top + plotHeight + bottom;
        double X(double threshold) => left + (plotWidth * threshold);
        double Y(double rate) => top + (plotHeight * (1 - rate));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"sweep-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"sweep-chart-title\">");
        svg.Append("<title id=\"sweep-chart-title\">Answerable answered right and unanswerable declined per decline threshold</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"14\" x2=\"{left + 20}\" y2=\"14\" stroke=\"{Current}\" stroke-width=\"2\"/><text x=\"{left + 26}\" y=\"18\" class=\"legend\">answerable right</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left + 150}\" y1=\"14\" x2=\"{left + 170}\" y2=\"14\" stroke=\"{Declines}\" stroke-width=\"2\"/><text x=\"{left + 176}\" y=\"18\" class=\"legend\">unanswerable declined</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left + 330}\" y1=\"14\" x2=\"{left + 350}\" y2=\"14\" stroke=\"{Axis}\" stroke-dasharray=\"5 4\"/><text x=\"{left + 356}\" y=\"18\" class=\"legend\">mean</text>");

        for (var i = 0; i <= 5; i++)
        {
            var y = Y(i / 5.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{F(y)}\" x2=\"{width - right}\" y2=\"{F(y)}\" stroke=\"{Grid}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" class=\"tick\">{F(i / 5.0)}</text>");
        }

        for (var i = 0; i <= 10; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i / 10.0))}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\" class=\"tick\">{F(i / 10.0)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(sweep.InForce))}\" y1=\"{top}\" x2=\"{F(X(sweep.InForce))}\" y2=\"{top + plotHeight}\" class=\"threshold-marker\" stroke=\"#dc2626\" stroke-dasharray=\"4 3\"/>");
        var anchorEnd = X(sweep.InForce) > width - right - 120;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(sweep.InForce))}\" y=\"{top + plotHeight - 8}\" dx=\"{(anchorEnd ? -4 : 4)}\" text-anchor=\"{(anchorEnd ? "end" : "start")}\" class=\"marker-label\">in force {ReportFormat.Threshold(sweep.InForce)}</text>");

        AppendSeries(svg, "answerable", Current, null, sweep.Rows.Select(r => (r.Threshold, r.AnswerableAccuracy)), X, Y);
        AppendSeries(svg, "declined", Declines, null, sweep.Rows.Select(r => (r.Threshold, r.DeclineRate)), X, Y);
        AppendSeries(svg, "mean", Axis, "5 4", sweep.Rows.Select(r => (r.Threshold, r.BalancedAccuracy)), X, Y);

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"x-axis\" x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - right}\" y2=\"{top + plotHeight}\" stroke=\"{Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"y-axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" stroke=\"{Axis}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (plotWidth / 2)}\" y=\"{height - 8}\" text-anchor=\"middle\" class=\"label\">decline threshold (answers below this confidence are declined)</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void AppendSeries(StringBuilder svg, string name, string colour, string? dash, IEnumerable<(double Threshold, double? Rate)> points, Func<double, double> x, Func<double, double> y)
    {
        var present = points.Where(p => p.Rate.HasValue).Select(p => (p.Threshold, Rate: p.Rate!.Value)).ToList();
        if (present.Count == 0)
        {
            return;
        }

        var path = string.Join(" ", present.Select(p => $"{F(x(p.Threshold))},{F(y(p.Rate))}"));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"sweep-line {name}\" points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")}/>");
        if (dash is not null)
        {
            return;
        }

        foreach (var (threshold, rate) in present)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"sweep-point {name}\" cx=\"{F(x(threshold))}\" cy=\"{F(y(rate))}\" r=\"3\" fill=\"{colour}\" data-threshold=\"{ReportFormat.Threshold(threshold)}\" data-value=\"{F3(rate)}\"><title>{Escape($"{name} at {ReportFormat.Threshold(threshold)}: {F3(rate)}")}</title></circle>");
        }
    }

    /// <summary>
    /// Bins for a histogram up to <paramref name="max"/>; when <paramref name="max"/> is over three times
    /// <paramref name="p95"/> the bins stop near 1.5 × p95 and <c>Overflow</c> asks for a last bar for the rest.
    /// </summary>
    internal static (double Width, int Count, bool Overflow) HistogramLayout(double max, double p95, int sampleCount)
    {
        if (p95 > 0 && max > 3 * p95)
        {
            var (width, count) = Bins(1.5 * p95, sampleCount);
            return (width, count, true);
        }

        var bins = Bins(max, sampleCount);
        return (bins.Width, bins.Count, false);
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

    private static void AppendMarker(StringBuilder svg, string name, double? ms, Func<double, double> x, int top, int plotHeight, int rightEdge, int labelY)
    {
        if (ms is not { } value)
        {
            return;
        }

        var px = x(value);
        var anchorEnd = px > rightEdge - 110;
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"marker\" x1=\"{F(px)}\" y1=\"{labelY + 4}\" x2=\"{F(px)}\" y2=\"{top + plotHeight}\" stroke=\"#dc2626\" stroke-dasharray=\"4 3\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(px)}\" y=\"{labelY}\" dx=\"{(anchorEnd ? -4 : 4)}\" text-anchor=\"{(anchorEnd ? "end" : "start")}\" class=\"marker-label\">{name} {ReportFormat.Milliseconds(value)} ms</text>");
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string F3(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
