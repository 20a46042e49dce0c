using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Cli.Console;
using QaBot.Core.Answering;
using QaBot.Core.Answering.Model;
using QaBot.Core.Configuration;
using QaBot.Core.Evaluation;
using Spectre.Console;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot eval --questions FILE.jsonl [--out DIR] [--top-k N] [--endpoint URL] [--baseline OLD/report.json]
/// [--min-accuracy X] [--threshold-sweep]</c>: runs a question set through the answering service (or a running
/// bot), prints the figures and writes report.json, report.md and report.html. With <c>--threshold-sweep</c>
/// the in-process service keeps every answer (decline threshold 0) and the figures per decline threshold
/// are computed from the answers' confidences; the main figures are those at the threshold in force.
/// Exit codes: 0 done (and at or above the floor), 1 overall accuracy below <c>--min-accuracy</c>, 2 bad input.
/// </summary>
public static class EvalCommand
{
    public const int ExitBelowFloor = 1;
    public const int ExitBadInput = 2;

    public static Command Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);

        var questions = new Option<FileInfo>("--questions", "-q")
        {
            Description = "The question set: JSON lines with id, question, context, expected, sources, answerable.",
            Required = true,
        };
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Folder for report.json, report.md and report.html.",
            DefaultValueFactory = _ => new DirectoryInfo("eval-out"),
        };
        var topK = new Option<int?>("--top-k", "-k")
        {
            Description = "Chunks retrieved per question (overrides QaBot:Retrieval:TopK); also the k of recall@k.",
        };
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "Evaluate a running bot instead: its base URL (posts to URL/api/messages with deliveryMode expectReplies).",
        };
        var baseline = new Option<FileInfo?>("--baseline")
        {
            Description = "An earlier report.json: adds the figures side by side and the cases that regressed.",
        };
        var minAccuracy = new Option<double?>("--min-accuracy")
        {
            Description = "Exit with code 1 when overall accuracy (all cases) is below this (0..1).",
        };
        var thresholdSweep = new Option<bool>("--threshold-sweep")
        {
            Description = "Keep every answer, then print answerable accuracy and unanswerable declines per decline threshold (0.00–0.95) to pick one; in-process only.",
        };

        var command = new Command("eval", "Run an evaluation question set and write report.json, report.md and report.html.")
        {
            questions, output, topK, endpoint, baseline, minAccuracy, thresholdSweep,
        };

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            services,
            new Settings(
                parseResult.GetValue(questions)!,
                parseResult.GetValue(output)!,
                parseResult.GetValue(topK),
                parseResult.GetValue(endpoint),
                parseResult.GetValue(baseline),
                parseResult.GetValue(minAccuracy),
                parseResult.GetValue(thresholdSweep)),
            AnsiConsole.Console,
            cancellationToken));

        return command;
    }

    private sealed record Settings(FileInfo Questions, DirectoryInfo Output, int? TopK, string? Endpoint, FileInfo? Baseline, double? MinAccuracy, bool ThresholdSweep);

    private static async Task<int> RunAsync(IServiceProvider services, Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.TopK is <= 0 or > 100)
        {
            return Fail(console, "--top-k must be between 1 and 100.");
        }

        if (settings.MinAccuracy is < 0 or > 1)
        {
            return Fail(console, "--min-accuracy must be between 0 and 1.");
        }

        Uri? endpointUri = null;
        if (settings.Endpoint is not null
            && (!Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out endpointUri) || endpointUri.Scheme is not ("http" or "https")))
        {
            return Fail(console, $"--endpoint must be an absolute http(s) URL such as http://localhost:3978, not '{settings.Endpoint}'.");
        }

        if (settings.ThresholdSweep && endpointUri is not null)
        {
            return Fail(console, "--threshold-sweep runs the answering service in this process with every answer kept; a bot at --endpoint declines by its own threshold "
                + "and its replies carry no confidence. Run the sweep without --endpoint, on the same index and settings.");
        }

        if (!settings.Questions.Exists)
        {
            return Fail(console, $"The question set '{settings.Questions.FullName}' does not exist.");
        }

        QuestionSet questionSet;
        try
        {
            questionSet = await QuestionSetReader.ReadFileAsync(settings.Questions.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(console, $"Cannot read the question set '{settings.Questions.FullName}': {ex.Message}");
        }

        foreach (var error in questionSet.Errors)
        {
            console.MarkupLineInterpolated($"[yellow]skipped line {error.Line}[/] of {settings.Questions.Name}: {error.Message}");
        }

        if (questionSet.Cases.Count == 0)
        {
            return Fail(console, $"'{settings.Questions.FullName}' holds no readable case.");
        }

        EvaluationReport? baselineReport = null;
        if (settings.Baseline is not null)
        {
            try
            {
                baselineReport = await EvaluationReportJson.ReadFileAsync(settings.Baseline.FullName, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                return Fail(console, ex.Message);
            }
        }

        var k = ApplyTopK(services, settings.TopK);
        double? declineThreshold = null;
        using var http = endpointUri is null ? null : new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        IEvaluationTarget target;
        if (endpointUri is not null)
        {
            target = new BotEndpointTarget(http!, endpointUri);
        }
        else
        {
            IAnsweringService? answering;
            try
            {
                answering = services.GetService<IAnsweringService>();
            }
            catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException)
            {
                return Fail(console, $"The answering service could not start: {ex.Message}");
            }

            if (answering is null)
            {
                return Fail(console, "No IAnsweringService is registered: the CLI host must call AddQaBotCore.");
            }

            // Read before a sweep sets it to 0: the threshold the figures are reported at.
            string? thresholdProblem;
            (declineThreshold, thresholdProblem) = DeclineThresholdInForce(services);
            if (settings.ThresholdSweep)
            {
                if (declineThreshold is null)
                {
                    return Fail(console, $"--threshold-sweep needs the decline threshold in force: {thresholdProblem ?? "set QaBot:Answering:DeclineThreshold or provide the answer model"}.");
                }

                KeepEveryAnswer(services);
            }

            target = new AnsweringServiceTarget(answering);
        }

        var thresholdNote = declineThreshold is { } inForce
            ? $", declining below confidence {inForce.ToString("0.00##", CultureInfo.InvariantCulture)}" + (settings.ThresholdSweep ? "; every answer kept for the sweep" : string.Empty)
            : string.Empty;
        console.MarkupLineInterpolated($"Evaluating [bold]{questionSet.Cases.Count}[/] cases from {settings.Questions.Name} against [bold]{target.Name}[/] (k = {k}{thresholdNote}) ...");
        var runner = new EvaluationRunner(target);
        EvaluationReport report;
        try
        {
            report = await runner.RunAsync(
                questionSet,
                new EvaluationRunOptions(k, settings.MinAccuracy, settings.Baseline?.FullName, declineThreshold, settings.ThresholdSweep),
                new ConsoleProgress(console),
                cancellationToken);
        }
        catch (HttpRequestException ex) when (EvaluationRunner.IsFatal(ex))
        {
            return Fail(console, $"The bot at {endpointUri} cannot be reached: {ex.Message}");
        }

        if (baselineReport is not null)
        {
            report = report with { Comparison = BaselineComparer.Compare(baselineReport, report, settings.Baseline!.FullName) };
        }

        PrintSummary(console, report);
        IReadOnlyList<string> paths;
        try
        {
            paths = await EvaluationReportWriter.WriteAsync(report, settings.Output.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(console, $"Cannot write the reports to '{settings.Output.FullName}': {ex.Message}");
        }

        foreach (var path in paths)
        {
            console.MarkupLineInterpolated($"wrote [link]{path}[/]");
        }

        if (settings.MinAccuracy is { } floor && report.Metrics.Accuracy < floor)
        {
            console.MarkupLineInterpolated($"[red]Overall accuracy {report.Metrics.Accuracy:0.000} is below the floor {floor:0.000}.[/]");
            return ExitBelowFloor;
        }

        return 0;
    }

    /// <summary>
    /// Makes <c>--top-k</c> the retriever's top-k for this process (before the answering service is first
    /// resolved) and returns the k used for recall@k.
    /// </summary>
    private static int ApplyTopK(IServiceProvider services, int? topK)
    {
        var options = services.GetService<IOptions<RetrievalOptions>>()?.Value;
        var monitored = services.GetService<IOptionsMonitor<RetrievalOptions>>()?.CurrentValue;
        if (topK is { } k)
        {
            options?.TopK = k;
            monitored?.TopK = k;
            return k;
        }

        return options?.TopK ?? new RetrievalOptions().TopK;
    }

    /// <summary>
    /// The decline threshold the answering service applies (the configured one, else the answer model's),
    /// or null with the reason when it cannot be known (no answer model registered or loadable).
    /// </summary>
    private static (double? Threshold, string? Problem) DeclineThresholdInForce(IServiceProvider services)
    {
        var configured = services.GetService<IOptions<AnsweringOptions>>()?.Value.DeclineThreshold;
        if (configured is not null)
        {
            return (configured, null);
        }

        try
        {
            var model = services.GetService<AnswerModelHost>();
            return model is null
                ? (null, "no answer model is registered and QaBot:Answering:DeclineThreshold is not set")
                : (model.Thresholds.Decline, null);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException or OptionsValidationException)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Sets the decline threshold to 0 for this process, so the answering service keeps every answer (for the sweep).</summary>
    private static void KeepEveryAnswer(IServiceProvider services)
    {
        services.GetService<IOptions<AnsweringOptions>>()?.Value.DeclineThreshold = 0;
        services.GetService<IOptionsMonitor<AnsweringOptions>>()?.CurrentValue.DeclineThreshold = 0;
    }

    private static void PrintSummary(IAnsiConsole console, EvaluationReport report)
    {
        var m = report.Metrics;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("counted over");
        void Row(string name, string value, string detail) => table.AddRow(ConsoleText.Escape(name), ConsoleText.Escape(value), ConsoleText.Escape(detail));

        Row(BaselineComparer.AnswerableAccuracyName, Rate(m.AnswerableAccuracy), $"{m.AnswerablePassed}/{m.Answerable} answerable cases answered right");
        Row(BaselineComparer.DeclineRateName, Rate(m.CorrectDeclineRate), $"{m.CorrectDeclines}/{m.Unanswerable} unanswerable cases declined");
        Row(BaselineComparer.OverallAccuracyName, Rate(m.Accuracy), $"{m.Passed}/{m.Cases} cases");
        Row("citation precision", Rate(m.CitationPrecision), $"{m.CitedDocumentsInSources}/{m.CitedDocuments} cited documents in sources, all cases");
        Row("  answered answerable", Rate(m.AnsweredAnswerableCitationPrecision), $"{m.AnsweredAnswerableCitedDocumentsInSources}/{m.AnsweredAnswerableCitedDocuments} cited documents in sources");
        Row($"retrieval recall@{m.K}", Rate(m.RecallAtK), "answerable cases");
        Row($"retrieval hit rate@{m.K}", Rate(m.HitRateAtK), "answerable cases");
        Row("retrieval MRR", Rate(m.Mrr), "answerable cases");
        Row("false declines", $"{m.FalseDeclines}/{m.Answerable}", "answerable cases declined");
        Row("latency p50 / p95", $"{Ms(m.LatencyP50Ms)} / {Ms(m.LatencyP95Ms)} ms", "per question");
        if (m.Errors > 0)
        {
            Row("errors", m.Errors.ToString(CultureInfo.InvariantCulture), "cases whose target threw");
        }

        console.Write(table);

        if (report.ThresholdSweep is { } sweep)
        {
            PrintSweep(console, sweep);
        }

        if (report.Comparison is { } comparison)
        {
            console.MarkupLineInterpolated($"Against {comparison.Baseline}: {comparison.Regressed.Count} regressed, {comparison.Fixed.Count} fixed.");
            foreach (var metric in comparison.Metrics.Where(x => x.Name is BaselineComparer.AnswerableAccuracyName or BaselineComparer.DeclineRateName or BaselineComparer.OverallAccuracyName))
            {
                var delta = metric.Delta is { } d ? (d >= 0 ? "+" : "−") + Math.Abs(d).ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
                console.MarkupLineInterpolated($"  {metric.Name}: {Rate(metric.Baseline)} → {Rate(metric.Current)} ({(metric.Worse ? "[red]" + delta + "[/]" : delta)})");
            }

            foreach (var change in comparison.Regressed)
            {
                console.MarkupLineInterpolated($"  [red]regressed[/] {change.Id}: {change.FailureReason}");
            }
        }
    }

    /// <summary>The sweep as rates only, so it fits an 80-column terminal; the reports add the counts.</summary>
    private static void PrintSweep(IAnsiConsole console, ThresholdSweep sweep)
    {
        var first = sweep.Rows[0];
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Decline threshold sweep over {first.Answerable} answerable and {first.Unanswerable} unanswerable cases, every answer kept")
            .Caption($"<- the threshold in force ({sweep.InForce.ToString("0.00##", CultureInfo.InvariantCulture)}): the figures above. mean: of the two rates before it; "
                + "citation precision: over the answered answerable cases. Counts: report.md")
            .AddColumn(new TableColumn("threshold").RightAligned())
            .AddColumn(new TableColumn("answerable right").RightAligned())
            .AddColumn(new TableColumn("unanswerable declined").RightAligned())
            .AddColumn(new TableColumn("mean").RightAligned())
            .AddColumn(new TableColumn("overall accuracy").RightAligned())
            .AddColumn(new TableColumn("citation precision").RightAligned());
        foreach (var row in sweep.Rows)
        {
            var threshold = row.Threshold.ToString("0.00##", CultureInfo.InvariantCulture);
            table.AddRow(
                ConsoleText.Escape(row.InForce ? $"{threshold} <-" : threshold),
                Rate(row.AnswerableAccuracy),
                Rate(row.DeclineRate),
                Rate(row.BalancedAccuracy),
                Rate(row.Accuracy),
                Rate(row.AnsweredAnswerableCitationPrecision));
        }

        console.Write(table);
        if (sweep.CasesWithoutConfidence > 0)
        {
            console.MarkupLineInterpolated($"[yellow]{sweep.CasesWithoutConfidence} cases have no confidence (an LLM's answer or an error): their outcome is the same at every threshold.[/]");
        }
    }

    private static string Rate(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Ms(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLineInterpolated($"[red]eval:[/] {message}");
        return ExitBadInput;
    }

    /// <summary>One line per finished case; synchronous, so lines appear in order.</summary>
    private sealed class ConsoleProgress(IAnsiConsole console) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value)
        {
            var r = value.Result;
            var width = value.Total.ToString(CultureInfo.InvariantCulture).Length;
            var counter = value.Completed.ToString(CultureInfo.InvariantCulture).PadLeft(width);
            if (r.Passed)
            {
                console.MarkupLineInterpolated($"[grey][[{counter}/{value.Total}]][/] [green]PASS[/] {r.Id} [grey]{r.ElapsedMs:0} ms[/]");
            }
            else
            {
                console.MarkupLineInterpolated($"[grey][[{counter}/{value.Total}]][/] [red]FAIL[/] {r.Id} [grey]{r.ElapsedMs:0} ms[/] {r.FailureReason}");
            }
        }
    }
}
