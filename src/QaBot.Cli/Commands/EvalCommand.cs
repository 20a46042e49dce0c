using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Cli.Console;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;
using QaBot.Core.Evaluation;
using Spectre.Console;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot eval --questions FILE.jsonl [--out DIR] [--top-k N] [--endpoint URL] [--baseline OLD/report.json]
/// [--min-accuracy X]</c>: runs a question set through the answering service (or a running bot), prints
/// the figures and writes report.json, report.md and report.html.
/// Exit codes: 0 done (and at or above the floor), 1 accuracy below <c>--min-accuracy</c>, 2 bad input.
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
            Description = "Exit with code 1 when answer accuracy is below this (0..1).",
        };

        var command = new Command("eval", "Run an evaluation question set and write report.json, report.md and report.html.")
        {
            questions, output, topK, endpoint, baseline, minAccuracy,
        };

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            services,
            new Settings(
                parseResult.GetValue(questions)!,
                parseResult.GetValue(output)!,
                parseResult.GetValue(topK),
                parseResult.GetValue(endpoint),
                parseResult.GetValue(baseline),
                parseResult.GetValue(minAccuracy)),
            AnsiConsole.Console,
            cancellationToken));

        return command;
    }

    private sealed record Settings(FileInfo Questions, DirectoryInfo Output, int? TopK, string? Endpoint, FileInfo? Baseline, double? MinAccuracy);

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

            target = new AnsweringServiceTarget(answering);
        }

        console.MarkupLineInterpolated($"Evaluating [bold]{questionSet.Cases.Count}[/] cases from {settings.Questions.Name} against [bold]{target.Name}[/] (k = {k}) ...");
        var runner = new EvaluationRunner(target);
        EvaluationReport report;
        try
        {
            report = await runner.RunAsync(
                questionSet,
                new EvaluationRunOptions(k, settings.MinAccuracy, settings.Baseline?.FullName),
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
            console.MarkupLineInterpolated($"[red]Accuracy {report.Metrics.Accuracy:0.000} is below the floor {floor:0.000}.[/]");
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

    private static void PrintSummary(IAnsiConsole console, EvaluationReport report)
    {
        var m = report.Metrics;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("counted over");
        void Row(string name, string value, string detail) => table.AddRow(ConsoleText.Escape(name), ConsoleText.Escape(value), ConsoleText.Escape(detail));

        Row("answer accuracy", Rate(m.Accuracy), $"{m.Passed}/{m.Cases} cases");
        Row("citation precision", Rate(m.CitationPrecision), $"{m.CitedDocumentsInSources}/{m.CitedDocuments} cited documents in sources");
        Row($"retrieval recall@{m.K}", Rate(m.RecallAtK), "answerable cases");
        Row($"retrieval hit rate@{m.K}", Rate(m.HitRateAtK), "answerable cases");
        Row("retrieval MRR", Rate(m.Mrr), "answerable cases");
        Row("correct declines", $"{m.CorrectDeclines}/{m.Unanswerable}", "unanswerable cases declined");
        Row("false declines", $"{m.FalseDeclines}/{m.Answerable}", "answerable cases declined");
        Row("latency p50 / p95", $"{Ms(m.LatencyP50Ms)} / {Ms(m.LatencyP95Ms)} ms", "per question");
        if (m.Errors > 0)
        {
            Row("errors", m.Errors.ToString(CultureInfo.InvariantCulture), "cases whose target threw");
        }

        console.Write(table);

        if (report.Comparison is { } comparison)
        {
            console.MarkupLineInterpolated($"Against {comparison.Baseline}: {comparison.Regressed.Count} regressed, {comparison.Fixed.Count} fixed.");
            foreach (var change in comparison.Regressed)
            {
                console.MarkupLineInterpolated($"  [red]regressed[/] {change.Id}: {change.FailureReason}");
            }
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
