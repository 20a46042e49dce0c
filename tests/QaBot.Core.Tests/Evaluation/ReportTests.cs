using System.Text.Json;
using System.Text.RegularExpressions;
using QaBot.Core.Evaluation;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Evaluation;

public sealed partial class ReportTests
{
    [Fact]
    public void EachCaseInReportJsonCarriesTheAskJsonFieldsAndItsVerdict()
    {
        using var json = JsonDocument.Parse(EvaluationReportJson.Serialize(SampleReports.Create()));
        var root = json.RootElement;

        Assert.True(root.TryGetProperty("config", out _));
        Assert.True(root.GetProperty("metrics").TryGetProperty("accuracy", out _));
        var first = root.GetProperty("cases")[0];
        foreach (var field in new[] { "id", "question", "answer", "declined", "citations", "retrieved", "elapsedMs", "composer", "passed", "failureReason" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"case lacks \"{field}\"");
        }

        var citation = first.GetProperty("citations")[0];
        Assert.Subset(citation.EnumerateObject().Select(p => p.Name).ToHashSet(), new HashSet<string> { "n", "documentId", "title", "snippet", "score" });
        Assert.Equal(["documentId", "chunkId", "score"], first.GetProperty("retrieved")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ACaseHasEveryFieldOfAskJson()
    {
        var answer = TestHelpers.EvalFixtures.Answer("Hegseth [1]", ["a"], ["a"]);
        using var askJson = JsonDocument.Parse(JsonSerializer.Serialize(answer, Core.Answering.AnswerDto.JsonOptions));
        using var caseJson = JsonDocument.Parse(JsonSerializer.Serialize(
            TestHelpers.EvalFixtures.Result(TestHelpers.EvalFixtures.Answerable("c", [["Hegseth"]], "a"), answer), EvaluationReportJson.Options));

        var caseFields = caseJson.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(askJson.RootElement.EnumerateObject(), p => Assert.Contains(p.Name, caseFields));
        Assert.Equal(
            askJson.RootElement.GetProperty("citations")[0].EnumerateObject().Select(p => p.Name),
            caseJson.RootElement.GetProperty("citations")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ReportJsonReadsBackAsTheSameReport()
    {
        var report = SampleReports.CreateCompared();

        var back = EvaluationReportJson.Deserialize(EvaluationReportJson.Serialize(report));

        Assert.Equal(EvaluationReportJson.Serialize(report), EvaluationReportJson.Serialize(back));
        Assert.Equal(report.Metrics, back.Metrics);
        Assert.Equal(report.Cases.Count, back.Cases.Count);
    }

    [Fact]
    public async Task ABaselineThatIsNotAReportIsRejectedWithItsPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qabot-not-a-report-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "[1, 2");
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidDataException>(() => EvaluationReportJson.ReadFileAsync(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheComparisonListsRegressedAndFixedCasesAndWorseFigures()
    {
        var comparison = SampleReports.CreateCompared().Comparison!;

        Assert.Equal(["case-02"], comparison.Regressed.Select(c => c.Id));
        Assert.Equal(["case-08"], comparison.Fixed.Select(c => c.Id));
        Assert.Equal("answer lacks \"Hegseth\"", comparison.Regressed[0].FailureReason);
        var accuracy = comparison.Metrics.Single(m => m.Name == "overall accuracy");
        Assert.Equal((accuracy.Baseline, accuracy.Current, accuracy.Delta, accuracy.Worse), (9 / 12.0, 9 / 12.0, 0.0, false));
        var falseDeclines = comparison.Metrics.Single(m => m.Name == "false declines");
        Assert.True(falseDeclines.Delta < 0);
        Assert.False(falseDeclines.Worse);
        Assert.Empty(comparison.OnlyInBaseline);
    }

    [Fact]
    public void TheMarkdownReportHasTheSummaryTableAndEachFailedCaseWithItsReason()
    {
        var md = MarkdownReport.Render(SampleReports.CreateCompared());

        Assert.Contains("| answerable accuracy | 0.778 | 7/9 answerable cases answered right |", md, StringComparison.Ordinal);
        Assert.Contains("| unanswerable declined | 0.667 | 2/3 unanswerable cases declined without citing |", md, StringComparison.Ordinal);
        Assert.Contains("| overall accuracy | 0.750 | 9/12 cases (the --min-accuracy floor applies to this) |", md, StringComparison.Ordinal);
        Assert.Contains("| citation precision, answered answerable | 0.900 | 9/10 cited documents in sources, answerable cases not declined |", md, StringComparison.Ordinal);
        Assert.Contains("## Failed cases (3)", md, StringComparison.Ordinal);
        Assert.Contains("### case-05:", md, StringComparison.Ordinal);
        Assert.Contains("- why it failed: answer lacks \"Hegseth\"", md, StringComparison.Ordinal);
        Assert.Contains("answered an unanswerable question instead of declining (cited 002\\_c)", md, StringComparison.Ordinal);
        Assert.Contains("### Regressed cases (1)", md, StringComparison.Ordinal);
        Assert.Contains("- **case-02**", md, StringComparison.Ordinal);
        Assert.Contains("- line 14: not valid JSON (bad \\<thing\\>)", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHtmlReportEscapesSnippetsAndNeedsNothingFromTheNetwork()
    {
        var html = HtmlReport.Render(SampleReports.CreateCompared());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Rubio said &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot; &lt;/td&gt;&lt;/tr&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalResource(), html);
        Assert.Contains("<svg id=\"metric-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"latency-chart\"", html, StringComparison.Ordinal);
        Assert.Equal(9, Regex.Count(html, "class=\"metric-bar\""));
        Assert.Equal(9, Regex.Count(html, "class=\"baseline-bar\""));
        Assert.Contains("<svg id=\"calibration-chart\"", html, StringComparison.Ordinal);
        Assert.Equal(12, Regex.Count(html, "<tr id=\"case-"));
    }

    [Fact]
    public void ReportJsonCarriesTheHeadlineFiguresTheCalibrationAndTheSweep()
    {
        using var json = JsonDocument.Parse(EvaluationReportJson.Serialize(SampleReports.CreateSwept()));
        var root = json.RootElement;
        var metrics = root.GetProperty("metrics");

        Assert.Equal(7 / 9.0, metrics.GetProperty("answerableAccuracy").GetDouble(), 12);
        Assert.Equal(2 / 3.0, metrics.GetProperty("correctDeclineRate").GetDouble(), 12);
        Assert.Equal(8 / 9.0, metrics.GetProperty("answeredAnswerableCitationPrecision").GetDouble(), 12);     // case-03 also cites 001_b
        var names = metrics.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("correctDeclines") - 1, names.IndexOf("answerableAccuracy"));
        Assert.Equal(SampleReports.DeclineThreshold, root.GetProperty("config").GetProperty("declineThreshold").GetDouble());
        Assert.Equal(10, root.GetProperty("calibration").GetProperty("bins").GetArrayLength());
        var sweep = root.GetProperty("thresholdSweep");
        Assert.Equal(SampleReports.DeclineThreshold, sweep.GetProperty("inForce").GetDouble());
        Assert.Equal(20, sweep.GetProperty("rows").GetArrayLength());     // 0.40 is on the grid
        Assert.Single(sweep.GetProperty("rows").EnumerateArray(), r => r.GetProperty("inForce").GetBoolean());
    }

    [Fact]
    public void TheMarkdownAndHtmlReportsShowTheSweepWithTheThresholdInForceMarked()
    {
        var report = SampleReports.CreateSwept();

        var md = MarkdownReport.Render(report);
        var html = HtmlReport.Render(report);

        Assert.Contains("## Decline threshold sweep", md, StringComparison.Ordinal);
        Assert.Contains("| threshold | answerable answered right | unanswerable declined | mean of the two | overall accuracy | citation precision, answered answerable |", md, StringComparison.Ordinal);
        // The sample's "kept" answers at 0.40: case-08 (0.12) and the two declined unanswerable cases are below it.
        Assert.Contains("| **0.40** ◀ in force | 0.778 (7/9) | 0.667 (2/3) | 0.722 | 0.750 (9/12) | 0.889 |", md, StringComparison.Ordinal);
        Assert.Contains("| 0.95 | 0.111 (1/9) | 1.000 (3/3) | 0.556 | 0.333 (4/12) | 1.000 |", md, StringComparison.Ordinal);
        Assert.Contains("## Calibration", md, StringComparison.Ordinal);
        Assert.Contains("| 0.9–1.0 | 3 | 3 | 1.000 | 0.937 |", md, StringComparison.Ordinal);       // 0.97, 0.91, 0.93, all right
        Assert.Contains("| 0.5–0.6 | 1 | 0 | 0.000 | 0.550 |", md, StringComparison.Ordinal);       // case-05's wrong answer
        Assert.Equal(20, Regex.Count(html, """<tr(?: class="in-force")?><td class="num">\d\.\d\d"""));
        Assert.Single(Regex.Matches(html, """<tr class="in-force"><td class="num">0\.40 ◀ in force</td>"""));
        Assert.Contains("Every answer was kept for this chart (--threshold-sweep).", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ABaselineWrittenBeforeAnswerableAccuracyGetsItFromItsCases()
    {
        var old = SampleReports.Create();
        var oldJson = System.Text.Json.Nodes.JsonNode.Parse(EvaluationReportJson.Serialize(old))!;
        var oldMetrics = oldJson["metrics"]!.AsObject();
        foreach (var name in new[] { "answerablePassed", "answerableAccuracy", "answeredAnswerableCitedDocuments", "answeredAnswerableCitedDocumentsInSources", "answeredAnswerableCitationPrecision" })
        {
            Assert.True(oldMetrics.Remove(name), name);
        }

        var baseline = EvaluationReportJson.Deserialize(oldJson.ToJsonString());
        var comparison = BaselineComparer.Compare(baseline, SampleReports.Create(secondRun: true), "old/report.json");

        Assert.Null(baseline.Metrics.AnswerableAccuracy);
        var answerable = comparison.Metrics.Single(m => m.Name == BaselineComparer.AnswerableAccuracyName);
        Assert.Equal((7 / 9.0, 7 / 9.0), (answerable.Baseline!.Value, answerable.Current!.Value));
        Assert.Equal(old.Metrics.AnsweredAnswerableCitationPrecision, comparison.Metrics.Single(m => m.Name == "citation precision, answered answerable").Baseline);
        Assert.Equal(
            [BaselineComparer.AnswerableAccuracyName, BaselineComparer.DeclineRateName, BaselineComparer.OverallAccuracyName],
            comparison.Metrics.Take(3).Select(m => m.Name));
    }

    [Fact]
    public void TheCalibrationChartHasABarPerCountedBinTheDiagonalAndTheThreshold()
    {
        var calibration = SampleReports.CreateSwept().Calibration!;

        var svg = SvgCharts.CalibrationChart(calibration, 0.4);

        Assert.Equal(calibration.Bins.Count(b => b.Cases > 0), Regex.Count(svg, "class=\"calibration-bar\""));
        Assert.Equal(calibration.Bins.Count(b => b.Cases > 0), Regex.Count(svg, "class=\"calibration-point\""));
        Assert.Equal(calibration.Cases, BinCount().Matches(svg).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("class=\"diagonal\"", svg, StringComparison.Ordinal);
        Assert.Contains("declines below 0.40", svg, StringComparison.Ordinal);
        Assert.Contains("no answer with a confidence to bin", SvgCharts.CalibrationChart(ConfidenceAnalysis.Calibrate([], false), null), StringComparison.Ordinal);
    }

    [Fact]
    public void TheLatencyHistogramCountsEveryQuestionOnce()
    {
        var svg = SvgCharts.LatencyHistogram([1, 2, 3, 15, 16, 99], 9, 80);

        var counts = DataCount().Matches(svg).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(6, counts.Sum());
        Assert.Contains("p50 9.0 ms", svg, StringComparison.Ordinal);
        Assert.Contains("p95 80.0 ms", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void AFarOutlierGoesIntoAnOverflowBarInsteadOfSquashingTheRest()
    {
        double[] latencies = [2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8, 210];

        var svg = SvgCharts.LatencyHistogram(latencies, 4.5, 7.45);

        var layout = SvgCharts.HistogramLayout(210, 7.45, latencies.Length);
        Assert.True(layout.Overflow);
        Assert.True(layout.Width * layout.Count < 20);
        Assert.Contains("class=\"latency-bar overflow\"", svg, StringComparison.Ordinal);
        Assert.Contains($"≥ {layout.Width * layout.Count} (max 210)", svg, StringComparison.Ordinal);
        Assert.Equal(12, DataCount().Matches(svg).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(SvgCharts.HistogramLayout(12, 10, 12).Overflow);
    }

    [Theory]
    [InlineData(0.7, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.3, 2.0)]
    [InlineData(3.0, 5.0)]
    [InlineData(7.0, 10.0)]
    [InlineData(42.0, 50.0)]
    [InlineData(0.013, 0.02)]
    public void AxisStepsAreTheNextNiceNumber(double raw, double nice) =>
        Assert.Equal(nice, SvgCharts.NiceStep(raw), 9);

    [Theory]
    [InlineData(410, 12, 50, 9)]         // 410 / 8 ≈ 51 → 50 ms bins, 0..450
    [InlineData(2000, 100, 200, 11)]     // √100 = 10 bins wanted: 200 → 0..2200
    [InlineData(3.2, 24, 0.5, 7)]        // 3.2 / 8 = 0.4 → 0.5
    [InlineData(0, 1, 0.0001, 1)]
    public void HistogramBinsAreNiceAndCoverTheSlowestQuestion(double max, int samples, double width, int count)
    {
        var bins = SvgCharts.Bins(max, samples);

        Assert.Equal(width, bins.Width, 9);
        Assert.Equal(count, bins.Count);
        Assert.True(bins.Width * bins.Count > max);
    }

    [Fact]
    public async Task TheWriterPutsTheThreeReportsInTheFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"qabot-eval-{Guid.NewGuid():N}", "nested");
        try
        {
            var paths = await EvaluationReportWriter.WriteAsync(SampleReports.Create(), dir);

            Assert.Equal(["report.json", "report.md", "report.html"], paths.Select(Path.GetFileName));
            Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 500));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:|//)|<link\b|@import|url\(""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();

    [GeneratedRegex("data-count=\"(\\d+)\"")]
    private static partial Regex DataCount();

    [GeneratedRegex("class=\"bin-count\"[^>]*data-count=\"(\\d+)\"")]
    private static partial Regex BinCount();
}
