using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using QaBot.Core.Evaluation;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Evaluation;

/// <summary>
/// Opens report.html in headless Chromium (Debian's /usr/bin/chromium; the tests fail when it is missing)
/// and checks that the charts are laid out and painted.
/// </summary>
public sealed partial class HtmlReportBrowserTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("qabot-html-report-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task TheChartsAreLaidOutWithBarsProportionalToTheFigures()
    {
        var report = SampleReports.CreateCompared();
        var root = await MeasureAsync(report);

        var metricBars = root.GetProperty("metric").EnumerateArray().Select(b => (Value: b.GetProperty("value").GetString()!, Width: b.GetProperty("w").GetDouble(), Height: b.GetProperty("h").GetDouble())).ToList();
        Assert.Equal(9, metricBars.Count);
        Assert.All(metricBars, b => Assert.True(b.Width > 0 && b.Height > 0, $"bar {b.Value} is {b.Width}×{b.Height}"));
        var accuracy = metricBars[0];
        var fullWidth = metricBars.Where(b => b.Value.Length > 0 && double.Parse(b.Value, System.Globalization.CultureInfo.InvariantCulture) > 0)
            .Select(b => b.Width / double.Parse(b.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(fullWidth, w => Assert.Equal(fullWidth[0], w, 0));      // width ∝ value, within a pixel
        Assert.Equal(report.Metrics.AnswerableAccuracy!.Value * fullWidth[0], accuracy.Width, 0);
        Assert.Equal(9, root.GetProperty("baseline").GetInt32());

        var latencyBars = root.GetProperty("latency").EnumerateArray().Select(b => (Count: b.GetProperty("count").GetInt32(), Height: b.GetProperty("h").GetDouble())).ToList();
        Assert.Equal(report.Cases.Count, latencyBars.Sum(b => b.Count));
        Assert.All(latencyBars.Where(b => b.Count > 0), b => Assert.True(b.Height > 0));
        Assert.True(root.GetProperty("markers").GetInt32() == 2, "p50 and p95 markers");

        Assert.True(root.GetProperty("overflow").GetDouble() <= 0, "the page scrolls sideways");
        Assert.Equal(12, root.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task TheCalibrationChartDrawsEachBinsShareAgainstTheDiagonalWithItsCount()
    {
        var report = SampleReports.CreateSwept();
        var calibration = report.Calibration!;
        var root = await MeasureAsync(report);

        // The diagonal runs from (0, 0) to (1, 1): its box is the plot, so it gives the scale of both axes.
        var diagonal = root.GetProperty("diagonal");
        var (plotLeft, plotBottom, plotWidth, plotHeight) = (diagonal.GetProperty("x").GetDouble(), diagonal.GetProperty("bottom").GetDouble(), diagonal.GetProperty("w").GetDouble(), diagonal.GetProperty("h").GetDouble());
        Assert.True(plotWidth > 200 && plotHeight > 150, $"the plot is {plotWidth}×{plotHeight}");

        var bars = root.GetProperty("calibration").EnumerateArray().ToList();
        var counted = calibration.Bins.Where(b => b.Cases > 0).ToList();
        Assert.Equal(counted.Count, bars.Count);
        foreach (var (bar, bin) in bars.Zip(counted))
        {
            var share = bin.RightShare!.Value;
            Assert.Equal(bin.Cases, bar.GetProperty("count").GetInt32());
            Near(plotBottom, bar.GetProperty("bottom").GetDouble(), "bar bottom");                             // standing on the axis
            Near(Math.Max(share * plotHeight, 1.5), bar.GetProperty("h").GetDouble(), "bar height");             // as tall as the share right
            Near(plotLeft + (bin.Lower * plotWidth) + 1, bar.GetProperty("x").GetDouble(), "bar left");          // spanning its bin, less a 1px gap each side
            Near((plotWidth / 10) - 2, bar.GetProperty("w").GetDouble(), "bar width");
        }

        var points = root.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(counted.Count, points.Count);
        foreach (var (point, bin) in points.Zip(counted))
        {
            Near(plotLeft + (bin.MeanConfidence!.Value * plotWidth), point.GetProperty("cx").GetDouble(), "point x");
            Near(plotBottom - (bin.RightShare!.Value * plotHeight), point.GetProperty("cy").GetDouble(), "point y");
        }

        // Every bin's count is printed under the middle of its bin.
        var counts = root.GetProperty("counts").EnumerateArray().ToList();
        Assert.Equal(10, counts.Count);
        Assert.Equal(calibration.Bins.Select(b => b.Cases), counts.Select(c => c.GetProperty("count").GetInt32()));
        Assert.All(counts.Select((c, i) => (c, i)), x => Near(plotLeft + ((x.i + 0.5) * plotWidth / 10), x.c.GetProperty("cx").GetDouble(), "count x"));
        Assert.All(counts, c => Assert.True(c.GetProperty("top").GetDouble() > plotBottom, "the counts sit under the axis"));
        Near(plotLeft + (SampleReports.DeclineThreshold * plotWidth), root.GetProperty("threshold").GetDouble(), "threshold line");
        Assert.Contains($"Left out: {calibration.Declined} declined", root.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(20, root.GetProperty("sweepRows").GetInt32());
        Assert.True(root.GetProperty("overflow").GetDouble() <= 0, "the page scrolls sideways");
    }

    [Fact]
    public async Task TheSweepChartPlotsBothHeadlineFiguresAtEachThreshold()
    {
        var sweep = SampleReports.CreateSwept().ThresholdSweep!;
        var root = await MeasureAsync(SampleReports.CreateSwept());

        var axes = root.GetProperty("sweepAxes");
        var (left, width, bottom, height) = (axes.GetProperty("left").GetDouble(), axes.GetProperty("w").GetDouble(), axes.GetProperty("bottom").GetDouble(), axes.GetProperty("h").GetDouble());
        Assert.True(width > 200 && height > 150, $"the plot is {width}×{height}");
        foreach (var (series, value) in new (string, Func<ThresholdSweepRow, double?>)[] { ("answerable", r => r.AnswerableAccuracy), ("declined", r => r.DeclineRate) })
        {
            var points = root.GetProperty("sweepPoints").EnumerateArray().Where(p => p.GetProperty("series").GetString()!.Contains(series, StringComparison.Ordinal)).ToList();
            Assert.Equal(sweep.Rows.Count, points.Count);
            foreach (var (point, row) in points.Zip(sweep.Rows))
            {
                Near(left + (row.Threshold * width), point.GetProperty("cx").GetDouble(), $"{series} x at {row.Threshold}");
                Near(bottom - (value(row)!.Value * height), point.GetProperty("cy").GetDouble(), $"{series} y at {row.Threshold}");
            }
        }

        Assert.Equal(3, root.GetProperty("sweepLines").GetInt32());
        Near(left + (sweep.InForce * width), root.GetProperty("sweepThreshold").GetDouble(), "threshold in force");
    }

    [Fact]
    public async Task TheScreenshotShowsTheBarsInTheirColours()
    {
        var path = Path.Combine(_dir.FullName, "report.html");
        await File.WriteAllTextAsync(path, HtmlReport.Render(SampleReports.CreateSwept(compared: true)));
        var png = Path.Combine(_dir.FullName, "report.png");

        await HeadlessChromium.ScreenshotAsync(path, png, 1280, 2000);

        // Kept next to the test binaries for a look by eye.
        File.Copy(png, Path.Combine(AppContext.BaseDirectory, "report-screenshot.png"), overwrite: true);
        File.Copy(path, Path.Combine(AppContext.BaseDirectory, "report-sample.html"), overwrite: true);

        var image = PngImage.Read(png);
        Assert.Equal((1280, 2000), (image.Width, image.Height));
        var blue = image.Count((0x25, 0x63, 0xeb));
        var grey = image.Count((0xa3, 0xa3, 0xa3));
        Assert.True(blue > 5000, $"only {blue} pixels of the bar blue");
        Assert.True(grey > 1000, $"only {grey} pixels of the baseline grey");
        var purple = image.Count((0x7c, 0x3a, 0xed));
        Assert.True(purple > 200, $"only {purple} pixels of the calibration points' purple");

    }

    /// <summary>Within a pixel and a half: layout rounds, and a scaled SVG scales the bars' 1px gaps too.</summary>
    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1.5, $"{what}: expected {expected:0.0} px, laid out at {actual:0.0} px");

    /// <summary>Opens the report with a test-only script that measures the laid-out charts and writes them into the DOM for --dump-dom.</summary>
    private async Task<JsonElement> MeasureAsync(EvaluationReport report)
    {
        var measuring = HtmlReport.Render(report).Replace("</body>", MeasureScript + "</body>", StringComparison.Ordinal);
        var path = Path.Combine(_dir.FullName, $"measure-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(path, measuring);

        var dom = await HeadlessChromium.DumpDomAsync(path);

        var match = Measurements().Match(dom);
        Assert.True(match.Success, "the measuring script did not run: " + dom[..Math.Min(dom.Length, 500)]);
        using var json = JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value));
        return json.RootElement.Clone();
    }

    private const string MeasureScript = """
        <script>
        (function () {
          const box = e => e.getBoundingClientRect();
          const out = {
            metric: [...document.querySelectorAll('#metric-chart rect.metric-bar')].map(r => ({ value: r.dataset.value, w: box(r).width, h: box(r).height })),
            baseline: document.querySelectorAll('#metric-chart rect.baseline-bar').length,
            latency: [...document.querySelectorAll('#latency-chart rect.latency-bar')].map(r => ({ count: +r.dataset.count, h: box(r).height })),
            markers: document.querySelectorAll('#latency-chart line.marker').length,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            rows: document.querySelectorAll('table.cases tbody tr').length,
            calibration: [...document.querySelectorAll('#calibration-chart rect.calibration-bar')].map(r => ({ count: +r.dataset.count, x: box(r).left, w: box(r).width, h: box(r).height, bottom: box(r).bottom })),
            points: [...document.querySelectorAll('#calibration-chart circle.calibration-point')].map(c => ({ cx: box(c).left + box(c).width / 2, cy: box(c).top + box(c).height / 2 })),
            counts: [...document.querySelectorAll('#calibration-chart text.bin-count')].map(t => ({ count: +t.dataset.count, cx: box(t).left + box(t).width / 2, top: box(t).top })),
            diagonal: (d => d && ({ x: box(d).left, bottom: box(d).bottom, w: box(d).width, h: box(d).height }))(document.querySelector('#calibration-chart line.diagonal')),
            threshold: (t => t ? box(t).left + box(t).width / 2 : null)(document.querySelector('#calibration-chart line.threshold-marker')),
            note: (n => n ? n.textContent : null)(document.querySelector('#calibration .chart-note')),
            sweepRows: document.querySelectorAll('#threshold-sweep tbody tr').length,
            sweepAxes: (c => c && ({ left: box(c.querySelector('.x-axis')).left, w: box(c.querySelector('.x-axis')).width, bottom: box(c.querySelector('.y-axis')).bottom, h: box(c.querySelector('.y-axis')).height }))(document.querySelector('#sweep-chart')),
            sweepPoints: [...document.querySelectorAll('#sweep-chart circle.sweep-point')].map(c => ({ series: c.getAttribute('class'), cx: box(c).left + box(c).width / 2, cy: box(c).top + box(c).height / 2 })),
            sweepLines: document.querySelectorAll('#sweep-chart polyline.sweep-line').length,
            sweepThreshold: (t => t ? box(t).left + box(t).width / 2 : null)(document.querySelector('#sweep-chart line.threshold-marker')),
          };
          const pre = document.createElement('pre');
          pre.id = 'measurements';
          pre.textContent = JSON.stringify(out);
          document.body.appendChild(pre);
        })();
        </script>
        """;

    [GeneratedRegex("<pre id=\"measurements\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex Measurements();
}
