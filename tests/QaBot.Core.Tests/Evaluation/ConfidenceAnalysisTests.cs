using QaBot.Core.Answering;
using QaBot.Core.Evaluation;
using static QaBot.Core.Tests.TestHelpers.EvalFixtures;

namespace QaBot.Core.Tests.Evaluation;

public sealed class ConfidenceAnalysisTests
{
    /// <summary>
    /// A run with every answer kept: five answerable cases (three right, one wrong, one error), three
    /// unanswerable (two answered, one declined for want of any candidate sentence).
    /// </summary>
    private static (EvalCase Case, EvalCaseResult Kept)[] KeptRun()
    {
        var a1 = Answerable("a1", [["alpha"]], "a");
        var a2 = Answerable("a2", [["beta"]], "a");
        var a3 = Answerable("a3", [["gamma"]], "a");
        var a4 = Answerable("a4", [["delta"]], "a");
        var e1 = Answerable("e1", [["eps"]], "a");
        var u1 = Unanswerable("u1");
        var u2 = Unanswerable("u2");
        var u3 = Unanswerable("u3");
        return
        [
            (a1, Result(a1, Answer("alpha [1]", ["a"], ["a"]) with { Confidence = 0.9 })),               // right, cites 1/1 in sources
            (a2, Result(a2, Answer("beta [1][2]", ["a", "x"], ["a"]) with { Confidence = 0.3 })),        // right, cites 1/2
            (a3, Result(a3, Answer("wrong [1]", ["y"], ["a"]) with { Confidence = 0.6 })),                // wrong, cites 0/1
            (a4, Result(a4, Answer("delta [1]", ["a"], ["a"]))),                                         // right, no confidence (an LLM's)
            (e1, EvalCaseResult.Failed(e1, "boom", 5)),                                                   // error, no confidence
            (u1, Result(u1, Answer("made up [1]", ["z"], ["z"]) with { Confidence = 0.2 })),
            (u2, Result(u2, Answer("made up [1]", ["z"], ["z"]) with { Confidence = 0.5 })),
            (u3, Result(u3, Decline() with { Confidence = 0.0 })),
        ];
    }

    public static TheoryData<double, int, int, int, int, int> SweepCases => new()
    {
        // threshold, answerable right (of 5), unanswerable declined (of 3), passed (of 8), cited in sources, cited (answered answerable)
        { 0.00, 3, 1, 4, 3, 5 },     // everything kept: a1 a2 a4 right; only u3 declined
        { 0.20, 3, 1, 4, 3, 5 },     // u1 at 0.2 is kept: kept iff confidence ≥ threshold
        { 0.25, 3, 2, 5, 3, 5 },     // u1 declined
        { 0.30, 3, 2, 5, 3, 5 },
        { 0.35, 2, 2, 4, 2, 3 },     // a2 (0.3) declined: a right answer lost, and its 1/2 citations
        { 0.55, 2, 3, 5, 2, 3 },     // u2 (0.5) declined
        { 0.65, 2, 3, 5, 2, 2 },     // a3 (0.6, wrong) declined: precision up
        { 0.95, 1, 3, 4, 1, 1 },     // a1 (0.9) declined; a4 without a confidence stays
    };

    [Theory]
    [MemberData(nameof(SweepCases))]
    public void ARowCountsEachCaseAsKeptOrDeclinedByItsConfidence(double threshold, int answerableRight, int unanswerableDeclined, int passed, int citedInSources, int cited)
    {
        var row = ConfidenceAnalysis.Row([.. KeptRun().Select(r => r.Kept)], threshold);

        Assert.Equal((5, answerableRight, 3, unanswerableDeclined, 8, passed), (row.Answerable, row.AnswerableRight, row.Unanswerable, row.UnanswerableDeclined, row.Cases, row.Passed));
        Assert.Equal(answerableRight / 5.0, row.AnswerableAccuracy!.Value, 12);
        Assert.Equal(unanswerableDeclined / 3.0, row.DeclineRate!.Value, 12);
        Assert.Equal(((answerableRight / 5.0) + (unanswerableDeclined / 3.0)) / 2, row.BalancedAccuracy!.Value, 12);
        Assert.Equal(passed / 8.0, row.Accuracy!.Value, 12);
        Assert.Equal((citedInSources, cited), (row.AnsweredAnswerableCitedDocumentsInSources, row.AnsweredAnswerableCitedDocuments));
        Assert.Equal((double)citedInSources / cited, row.AnsweredAnswerableCitationPrecision!.Value, 12);
    }

    [Theory]
    [InlineData(0.42, 21, 9)]        // off the grid: added between 0.40 and 0.45
    [InlineData(0.5, 20, 10)]        // on the grid: that row is marked
    [InlineData(0.0, 20, 0)]
    public void TheSweepCoversTheGridAndMarksTheThresholdInForce(double inForce, int rows, int markedIndex)
    {
        var sweep = ConfidenceAnalysis.Sweep([.. KeptRun().Select(r => r.Kept)], inForce);

        Assert.Equal(rows, sweep.Rows.Count);
        Assert.Equal(inForce, sweep.InForce);
        Assert.Equal(2, sweep.CasesWithoutConfidence);                          // a4 and the error
        Assert.Equal(sweep.Rows.Select(r => r.Threshold).Order(), sweep.Rows.Select(r => r.Threshold));
        Assert.Equal([markedIndex], sweep.Rows.Select((r, i) => (r, i)).Where(x => x.r.InForce).Select(x => x.i));
        Assert.Equal(inForce, sweep.Rows[markedIndex].Threshold, 12);
        Assert.Equal(0.95, sweep.Rows[^1].Threshold, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.42)]
    [InlineData(0.61)]
    [InlineData(0.95)]
    public void TheCasesAtATresholdAddUpToThatThresholdsRow(double threshold)
    {
        var run = KeptRun();
        var atThreshold = run.Select(r => ConfidenceAnalysis.AtThreshold(r.Case, r.Kept, threshold, k: 3, retrievalKnown: true)).ToList();

        var summary = EvaluationMetrics.Summarize(atThreshold, k: 3);
        var row = ConfidenceAnalysis.Row([.. run.Select(r => r.Kept)], threshold);

        Assert.Equal(row.AnswerableRight, summary.AnswerablePassed);
        Assert.Equal(row.UnanswerableDeclined, summary.CorrectDeclines);
        Assert.Equal(row.Passed, summary.Passed);
        Assert.Equal(row.AnsweredAnswerableCitedDocuments, summary.AnsweredAnswerableCitedDocuments);
        Assert.Equal(row.AnsweredAnswerableCitedDocumentsInSources, summary.AnsweredAnswerableCitedDocumentsInSources);
    }

    [Fact]
    public void AnAnswerBelowTheThresholdBecomesQaBotsDecline()
    {
        var (answerable, keptRight) = KeptRun()[1];       // a2, right at confidence 0.3
        var (unanswerable, keptWrong) = KeptRun()[6];     // u2, answered at 0.5

        var declined = ConfidenceAnalysis.AtThreshold(answerable, keptRight, 0.42, k: 3, retrievalKnown: true);
        var correctlyDeclined = ConfidenceAnalysis.AtThreshold(unanswerable, keptWrong, 0.6, k: 3, retrievalKnown: true);

        Assert.True(keptRight.Passed);
        Assert.Equal((true, false, AnswerMessages.NotFound), (declined.Declined, declined.Passed, declined.Answer));
        Assert.Equal("false decline: declined an answerable question", declined.FailureReason);
        Assert.Empty(declined.Citations);
        Assert.Equal((double?)0.3, declined.Confidence);
        Assert.Equal(keptRight.Retrieved, declined.Retrieved);
        Assert.Equal(keptRight.RecallAtK, declined.RecallAtK);
        Assert.Equal((true, true), (correctlyDeclined.Declined, correctlyDeclined.Passed));
        Assert.Same(keptRight, ConfidenceAnalysis.AtThreshold(answerable, keptRight, 0.3, k: 3, retrievalKnown: true));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.05, 0)]
    [InlineData(0.0999, 0)]
    [InlineData(0.1, 1)]
    [InlineData(0.2999, 2)]
    [InlineData(0.3, 3)]
    [InlineData(0.6, 6)]
    [InlineData(0.7, 7)]
    [InlineData(0.95, 9)]
    [InlineData(1.0, 9)]
    public void AConfidenceFallsInTheBinOfItsFirstDecimal(double confidence, int bin) =>
        Assert.Equal(bin, ConfidenceAnalysis.BinOf(confidence));

    [Fact]
    public void CalibrationBinsTheAnswersAndLeavesOutDeclinesAndCasesWithoutAConfidence()
    {
        EvalCaseResult R(EvalCase c, AnswerDto a, double? confidence) => Result(c, a with { Confidence = confidence });
        var right = Answerable("r", [["alpha"]], "a");
        var results = new[]
        {
            R(right, Answer("alpha [1]", ["a"], ["a"]), 0.95),                       // bin 9, right
            R(Answerable("w", [["beta"]], "a"), Answer("alpha [1]", ["a"], ["a"]), 0.91),   // bin 9, wrong answer
            R(Unanswerable("u"), Answer("made up [1]", ["z"], ["z"]), 0.93),           // bin 9, an unanswerable case's answer is never right
            R(right, Answer("alpha [1]", ["a"], ["a"]), 0.42),                          // bin 4, right
            R(Unanswerable("u"), Answer("made up [1]", ["z"], ["z"]), 0.15),           // bin 1
            R(right, Answer("declined", [], ["a"], declined: true), 0.05),              // declined: left out
            R(right, Answer("alpha [1]", ["a"], ["a"]), null),                          // no confidence (an LLM's answer): left out
            EvalCaseResult.Failed(right, "boom", 3),                                    // error: left out
        };

        var calibration = ConfidenceAnalysis.Calibrate(results, allAnswersKept: false);

        Assert.Equal((5, 2, 1, false), (calibration.Cases, calibration.WithoutConfidence, calibration.Declined, calibration.AllAnswersKept));
        Assert.Equal(10, calibration.Bins.Count);
        Assert.Equal([0, 1, 0, 0, 1, 0, 0, 0, 0, 3], calibration.Bins.Select(b => b.Cases));
        Assert.Equal([0, 0, 0, 0, 1, 0, 0, 0, 0, 1], calibration.Bins.Select(b => b.Right));
        Assert.Equal(0.3, calibration.Bins[3].Lower, 12);
        Assert.Equal(0.4, calibration.Bins[3].Upper, 12);
        Assert.Null(calibration.Bins[0].RightShare);
        Assert.Null(calibration.Bins[0].MeanConfidence);
        Assert.Equal(1 / 3.0, calibration.Bins[9].RightShare!.Value, 12);
        Assert.Equal(0.93, calibration.Bins[9].MeanConfidence!.Value, 12);
        Assert.Equal(((double?)1.0, (double?)0.42), (calibration.Bins[4].RightShare, calibration.Bins[4].MeanConfidence));
        Assert.Equal(((double?)0.0, (double?)0.15), (calibration.Bins[1].RightShare, calibration.Bins[1].MeanConfidence));
        // (3 × |1/3 − 0.93| + 1 × |1 − 0.42| + 1 × |0 − 0.15|) / 5
        Assert.Equal(((3 * (0.93 - (1 / 3.0))) + 0.58 + 0.15) / 5, calibration.ExpectedCalibrationError!.Value, 12);
    }

    [Fact]
    public void WithoutAnyConfidenceTheCalibrationIsEmpty()
    {
        var calibration = ConfidenceAnalysis.Calibrate([Result(Unanswerable("u"), Decline())], allAnswersKept: true);

        Assert.Equal((0, 1, 0), (calibration.Cases, calibration.WithoutConfidence, calibration.Declined));
        Assert.Null(calibration.ExpectedCalibrationError);
        Assert.All(calibration.Bins, b => Assert.Equal(0, b.Cases));
    }
}
