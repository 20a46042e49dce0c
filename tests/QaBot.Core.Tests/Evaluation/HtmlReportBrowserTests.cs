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
        var html = HtmlReport.Render(report);
        // A test-only copy of the page measures the laid-out bars and writes them into the DOM for --dump-dom.
        var measuring = html.Replace("</body>", MeasureScript + "</body>", StringComparison.Ordinal);
        var path = Path.Combine(_dir.FullName, "measure.html");
        await File.WriteAllTextAsync(path, measuring);

        var dom = await HeadlessChromium.DumpDomAsync(path);

        var match = Measurements().Match(dom);
        Assert.True(match.Success, "the measuring script did not run: " + dom[..Math.Min(dom.Length, 500)]);
        using var json = JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value));
        var root = json.RootElement;

        var metricBars = root.GetProperty("metric").EnumerateArray().Select(b => (Value: b.GetProperty("value").GetString()!, Width: b.GetProperty("w").GetDouble(), Height: b.GetProperty("h").GetDouble())).ToList();
        Assert.Equal(7, metricBars.Count);
        Assert.All(metricBars, b => Assert.True(b.Width > 0 && b.Height > 0, $"bar {b.Value} is {b.Width}×{b.Height}"));
        var accuracy = metricBars[0];
        var fullWidth = metricBars.Where(b => b.Value.Length > 0 && double.Parse(b.Value, System.Globalization.CultureInfo.InvariantCulture) > 0)
            .Select(b => b.Width / double.Parse(b.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(fullWidth, w => Assert.Equal(fullWidth[0], w, 0));      // width ∝ value, within a pixel
        Assert.Equal(report.Metrics.Accuracy * fullWidth[0], accuracy.Width, 0);
        Assert.Equal(7, root.GetProperty("baseline").GetInt32());

        var latencyBars = root.GetProperty("latency").EnumerateArray().Select(b => (Count: b.GetProperty("count").GetInt32(), Height: b.GetProperty("h").GetDouble())).ToList();
        Assert.Equal(report.Cases.Count, latencyBars.Sum(b => b.Count));
        Assert.All(latencyBars.Where(b => b.Count > 0), b => Assert.True(b.Height > 0));
        Assert.True(root.GetProperty("markers").GetInt32() == 2, "p50 and p95 markers");

        Assert.True(root.GetProperty("overflow").GetDouble() <= 0, "the page scrolls sideways");
        Assert.Equal(12, root.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task TheScreenshotShowsTheBarsInTheirColours()
    {
        var path = Path.Combine(_dir.FullName, "report.html");
        await File.WriteAllTextAsync(path, HtmlReport.Render(SampleReports.CreateCompared()));
        var png = Path.Combine(_dir.FullName, "report.png");

        await HeadlessChromium.ScreenshotAsync(path, png, 1280, 1800);

        var image = PngImage.Read(png);
        Assert.Equal((1280, 1800), (image.Width, image.Height));
        var blue = image.Count((0x25, 0x63, 0xeb));
        var grey = image.Count((0xa3, 0xa3, 0xa3));
        Assert.True(blue > 5000, $"only {blue} pixels of the bar blue");
        Assert.True(grey > 1000, $"only {grey} pixels of the baseline grey");

        // Kept next to the test binaries for a look by eye.
        File.Copy(png, Path.Combine(AppContext.BaseDirectory, "report-screenshot.png"), overwrite: true);
        File.Copy(path, Path.Combine(AppContext.BaseDirectory, "report-sample.html"), overwrite: true);
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
