using QaBot.Core.Answering;
using QaBot.Core.Evaluation;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Evaluation;

public sealed class EvaluationRunnerTests
{
    private static QuestionSet Set(params EvalCase[] cases) => new("set.jsonl", cases, [new QuestionSetLineError(9, "not valid JSON")]);

    [Fact]
    public async Task ContextTurnsRunAsAConversationBeforeTheQuestion()
    {
        var service = new ScriptedAnsweringService((q, _) => ScriptedAnsweringService.MakeAnswer(q, $"answer to {q} [1]", "doc"));
        var evalCase = new EvalCase("f", "And then?", ["First?", "Second?"], [["answer to And then?"]], ["doc"], true, 1);

        var report = await new EvaluationRunner(new AnsweringServiceTarget(service)).RunAsync(Set(evalCase), new EvaluationRunOptions(8));

        Assert.Equal(["First?", "Second?", "And then?"], service.Calls.Select(c => c.Question));
        Assert.Empty(service.Calls[0].History);
        Assert.Equal(
            [new ConversationTurn(ConversationRole.User, "First?"), new ConversationTurn(ConversationRole.Assistant, "answer to First? [1]")],
            service.Calls[1].History);
        Assert.Equal(4, service.Calls[2].History.Count);
        Assert.Equal(new ConversationTurn(ConversationRole.Assistant, "answer to Second? [1]"), service.Calls[2].History[3]);

        var result = Assert.Single(report.Cases);
        Assert.True(result.Passed);
        Assert.Equal(["answer to First? [1]", "answer to Second? [1]"], result.ContextAnswers);
        Assert.Equal("scripted", result.Composer);
        Assert.Equal(12.3, result.ElapsedMs);
    }

    [Fact]
    public async Task ACaseWhoseServiceThrowsFailsWithTheErrorAndTheRunGoesOn()
    {
        var service = new ScriptedAnsweringService((q, _) => q == "boom?"
            ? throw new InvalidOperationException("index missing")
            : ScriptedAnsweringService.MakeAnswer(q, "Hegseth [1]", "doc"));

        var report = await new EvaluationRunner(new AnsweringServiceTarget(service)).RunAsync(
            Set(new EvalCase("a", "boom?", [], [["x"]], ["doc"], true, 1), new EvalCase("b", "ok?", [], [["Hegseth"]], ["doc"], true, 2)),
            new EvaluationRunOptions(8));

        Assert.Equal([false, true], report.Cases.Select(c => c.Passed));
        Assert.Equal("error: InvalidOperationException: index missing", report.Cases[0].FailureReason);
        Assert.Equal(1, report.Metrics.Errors);
        Assert.Equal(0.5, report.Metrics.Accuracy);
    }

    [Fact]
    public async Task ProgressIsReportedPerCaseAndTheConfigRecordsTheRun()
    {
        var service = new ScriptedAnsweringService((q, _) => ScriptedAnsweringService.MakeAnswer(q, "The articles do not say."));
        var progress = new List<EvaluationProgress>();

        var report = await new EvaluationRunner(new AnsweringServiceTarget(service)).RunAsync(
            Set(new EvalCase("u1", "q1?", [], [], [], false, 1), new EvalCase("u2", "q2?", [], [], [], false, 2)),
            new EvaluationRunOptions(5, MinAccuracy: 0.8),
            new SynchronousProgress<EvaluationProgress>(progress.Add));

        Assert.Equal([(1, 2, "u1"), (2, 2, "u2")], progress.Select(p => (p.Completed, p.Total, p.Result.Id)));
        Assert.Equal(("set.jsonl", "in-process", 5, 0.8), (report.Config.Questions, report.Config.Target, report.Config.TopK, report.Config.MinAccuracy));
        Assert.Equal(["scripted"], report.Config.Composers);
        Assert.Equal(9, Assert.Single(report.SkippedLines).Line);
        Assert.Equal((2, 1.0), (report.Metrics.CorrectDeclines, report.Metrics.CorrectDeclineRate));
    }

    [Fact]
    public async Task ASweepRunReportsEachCaseAtTheThresholdInForceAndSweepsTheKeptAnswers()
    {
        // The service keeps every answer, as the CLI's sweep makes it; the confidence is in the question.
        var service = new ScriptedAnsweringService((q, _) => ScriptedAnsweringService.MakeAnswer(q, "Hegseth [1]", "doc") with
        {
            Confidence = double.Parse(q.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture),
        });
        var progress = new List<EvaluationProgress>();

        var report = await new EvaluationRunner(new AnsweringServiceTarget(service)).RunAsync(
            Set(
                new EvalCase("sure", "at 0.9", [], [["Hegseth"]], ["doc"], true, 1),
                new EvalCase("unsure", "at 0.3", [], [["Hegseth"]], ["doc"], true, 2),
                new EvalCase("near-miss", "at 0.6", [], [], [], false, 3),
                new EvalCase("far-off", "at 0.1", [], [], [], false, 4)),
            new EvaluationRunOptions(8, DeclineThreshold: 0.5, ThresholdSweep: true),
            new SynchronousProgress<EvaluationProgress>(progress.Add));

        // At 0.5: "unsure" is declined (a false decline), "far-off" declined (right), "near-miss" answered (wrong).
        Assert.Equal([true, false, false, true], report.Cases.Select(c => c.Passed));
        Assert.Equal([false, true, false, true], report.Cases.Select(c => c.Declined));
        Assert.Equal(report.Cases, progress.Select(p => p.Result));
        Assert.Equal((1, 0.5, 1, 0.5), (report.Metrics.AnswerablePassed, report.Metrics.AnswerableAccuracy, report.Metrics.CorrectDeclines, report.Metrics.CorrectDeclineRate));
        Assert.Equal(0.5, report.Config.DeclineThreshold);

        var sweep = report.ThresholdSweep!;
        Assert.Equal(20, sweep.Rows.Count);
        Assert.Equal((2, 0), (sweep.Rows[0].AnswerableRight, sweep.Rows[0].UnanswerableDeclined));        // at 0: every answer stands
        var inForce = Assert.Single(sweep.Rows, r => r.InForce);
        Assert.Equal((0.5, 1, 1), (inForce.Threshold, inForce.AnswerableRight, inForce.UnanswerableDeclined));
        Assert.Equal((0, 2), (sweep.Rows[^1].AnswerableRight, sweep.Rows[^1].UnanswerableDeclined));     // at 0.95 even "sure" (0.9) is declined
        Assert.True(report.Calibration!.AllAnswersKept);
        Assert.Equal(4, report.Calibration.Cases);                                                         // the kept answers, all four binned
    }

    [Fact]
    public async Task ANormalRunBinsTheAnswersItGaveAndHasNoSweep()
    {
        var service = new ScriptedAnsweringService((q, _) => (q == "declined?"
            ? ScriptedAnsweringService.MakeAnswer(q, "The articles do not say.")
            : ScriptedAnsweringService.MakeAnswer(q, "Hegseth [1]", "doc")) with { Confidence = 0.7 });

        var report = await new EvaluationRunner(new AnsweringServiceTarget(service)).RunAsync(
            Set(new EvalCase("a", "answered?", [], [["Hegseth"]], ["doc"], true, 1), new EvalCase("u", "declined?", [], [], [], false, 2)),
            new EvaluationRunOptions(8, DeclineThreshold: 0.42));

        Assert.Null(report.ThresholdSweep);
        Assert.Equal(0.42, report.Config.DeclineThreshold);
        Assert.Equal((1, 1, false), (report.Calibration!.Cases, report.Calibration.Declined, report.Calibration.AllAnswersKept));
        Assert.Equal(1, report.Calibration.Bins[7].Right);
    }

    [Fact]
    public async Task AnErrorNoCaseCouldGetPastStopsTheRun()
    {
        var service = new ScriptedAnsweringService((_, _) => throw new IndexMismatchException("The index was built with another model: run qabot index --rebuild."));

        var ex = await Assert.ThrowsAsync<IndexMismatchException>(() => new EvaluationRunner(new AnsweringServiceTarget(service))
            .RunAsync(Set(new EvalCase("a", "q?", [], [], [], false, 1), new EvalCase("b", "q?", [], [], [], false, 2)), new EvaluationRunOptions(8)));

        Assert.Contains("--rebuild", ex.Message, StringComparison.Ordinal);
        Assert.Single(service.Calls);
    }

    [Fact]
    public async Task CancellationStopsTheRun()
    {
        var service = new ScriptedAnsweringService((q, _) => ScriptedAnsweringService.MakeAnswer(q, "x"));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EvaluationRunner(new AnsweringServiceTarget(service))
            .RunAsync(Set(new EvalCase("a", "q?", [], [], [], false, 1)), new EvaluationRunOptions(8), cancellationToken: cts.Token));
    }
}
