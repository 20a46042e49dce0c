using System.Text.Json;
using QaBot.Cli.Tests.TestHelpers;
using QaBot.Core.Configuration;
using QaBot.Core.Evaluation;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Commands;

/// <summary>
/// <c>qabot eval --threshold-sweep</c> as a user runs it: the real CLI over the repository's seeds/ (indexed
/// into a temp database) with the offline default composer and the committed answer model, on eval/dev.jsonl.
/// </summary>
public sealed class EvalThresholdSweepCliTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private readonly TempFolder _folder = new("qabot-eval-sweep-");

    public void Dispose() => _folder.Dispose();

    private static string Root => QaBotPaths.FindRoot();

    private Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        [QaBotPaths.RootEnvironmentVariable] = Root,
        ["QaBot__Storage__DatabasePath"] = Path.Combine(_folder.Path, "qabot.db"),
    };

    [Fact]
    public async Task TheSweepPrintsTheFiguresPerThresholdAndReportsTheRunAsANormalOne()
    {
        var environment = Environment();
        using (var index = await QabotCli.RunAsync(environment, RunTimeout, "index"))
        {
            Assert.True(index.ExitCode == 0, $"index exited {index.ExitCode}:\n{index.StandardOutput}\n{index.StandardError}");
        }

        var questions = Path.Combine(Root, "eval", "dev.jsonl");
        var sweptDir = Path.Combine(_folder.Path, "swept");
        var normalDir = Path.Combine(_folder.Path, "normal");
        using var swept = await QabotCli.RunAsync(environment, RunTimeout, "eval", "--questions", questions, "--out", sweptDir, "--threshold-sweep");
        using var normal = await QabotCli.RunAsync(environment, RunTimeout, "eval", "--questions", questions, "--out", normalDir);

        Assert.True(swept.ExitCode == 0, $"eval --threshold-sweep exited {swept.ExitCode}:\n{swept.StandardOutput}\n{swept.StandardError}");
        Assert.True(normal.ExitCode == 0, $"eval exited {normal.ExitCode}:\n{normal.StandardOutput}\n{normal.StandardError}");
        Assert.Contains("Decline threshold sweep", swept.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("answerable accuracy", swept.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("unanswerable declined", swept.StandardOutput, StringComparison.Ordinal);

        var report = EvaluationReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(sweptDir, EvaluationReportWriter.JsonFileName)));
        var plain = EvaluationReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(normalDir, EvaluationReportWriter.JsonFileName)));

        // The threshold in force is the committed model's (appsettings.json does not set one); its row is marked.
        using var modelInfo = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "models", "answer-model.json")));
        var modelThreshold = modelInfo.RootElement.GetProperty("declineThreshold").GetDouble();
        var sweep = report.ThresholdSweep!;
        Assert.Equal(modelThreshold, sweep.InForce);
        Assert.Equal(modelThreshold, report.Config.DeclineThreshold);
        Assert.Equal(modelThreshold, plain.Config.DeclineThreshold);
        Assert.Equal(
            ConfidenceAnalysis.SweepThresholds.Append(modelThreshold).Distinct().Order(),
            sweep.Rows.Select(r => r.Threshold));
        var inForce = Assert.Single(sweep.Rows, r => r.InForce);
        Assert.Equal(modelThreshold, inForce.Threshold);

        // The extractive composer gives every case a confidence; raising the threshold only ever declines more.
        Assert.Equal(0, sweep.CasesWithoutConfidence);
        Assert.All(report.Cases, c => Assert.NotNull(c.Confidence));
        Assert.All(sweep.Rows.Zip(sweep.Rows.Skip(1)), pair =>
        {
            Assert.True(pair.Second.AnswerableRight <= pair.First.AnswerableRight);
            Assert.True(pair.Second.UnanswerableDeclined >= pair.First.UnanswerableDeclined);
        });
        Assert.Equal(24, sweep.Rows[0].Cases);

        // The report's figures are the marked row's, and the cases decline exactly as in a normal run.
        var m = report.Metrics;
        Assert.Equal((inForce.AnswerableRight, inForce.UnanswerableDeclined, inForce.Passed), (m.AnswerablePassed, m.CorrectDeclines, m.Passed));
        Assert.Equal(plain.Cases.Select(c => (c.Id, c.Declined, c.Confidence)), report.Cases.Select(c => (c.Id, c.Declined, c.Confidence)));
        Assert.Equal((plain.Metrics.FalseDeclines, plain.Metrics.CorrectDeclines), (m.FalseDeclines, m.CorrectDeclines));

        // Calibration: every answer binned in the sweep; a normal run bins the answers it gave.
        Assert.True(report.Calibration!.AllAnswersKept);
        Assert.Equal(report.Cases.Count, report.Calibration.Cases + report.Calibration.Declined);
        Assert.False(plain.Calibration!.AllAnswersKept);
        Assert.Equal(plain.Cases.Count(c => !c.Declined), plain.Calibration.Cases);
        Assert.Contains("id=\"calibration-chart\"", await File.ReadAllTextAsync(Path.Combine(sweptDir, EvaluationReportWriter.HtmlFileName)), StringComparison.Ordinal);
        Assert.Contains("id=\"threshold-sweep\"", await File.ReadAllTextAsync(Path.Combine(sweptDir, EvaluationReportWriter.HtmlFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSweepIsRefusedForABotAtAnEndpoint()
    {
        using var run = await QabotCli.RunAsync(
            Environment(), RunTimeout, "eval", "--questions", Path.Combine(Root, "eval", "dev.jsonl"), "--out", Path.Combine(_folder.Path, "out"),
            "--endpoint", "http://127.0.0.1:9", "--threshold-sweep");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--threshold-sweep runs the answering service in this process", run.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "out")));
    }
}
