using QaBot.Core.Evaluation;
using static QaBot.Core.Tests.TestHelpers.EvalFixtures;

namespace QaBot.Core.Tests.Evaluation;

public sealed class EvaluationMetricsTests
{
    public static TheoryData<string, string[][], bool> AnswerCases => new()
    {
        { "He met Pete Hegseth [1].", [["Hegseth"]], true },
        { "He met PETE HEGSETH.", [["hegseth"]], true },
        { "She met Penny Wong.", [["Penny Wong", "Wong"]], true },
        { "Wong attended.", [["Penny Wong", "Wong"]], true },
        { "Catalysing Opportunities for Military Partnership", [["Catalysing Opportunities"], ["Military Partnership"], ["Accelerated Commerce"]], false },
        { "Catalysing Opportunities for Military Partnership, Accelerated Commerce", [["Catalysing Opportunities"], ["Military Partnership"], ["Accelerated Commerce"]], true },
        { "a two\u2011state solution", [["two state", "two-state"]], true },
        { "a two-state [2] solution", [["two-state solution"]], true },
        { "free and\n  open Indo-Pacific", [["free and open"]], true },
        { "The articles do not say.", [["Hegseth"]], false },
        { "anything", [], true },
    };

    [Theory]
    [MemberData(nameof(AnswerCases))]
    public void AnAnswerPassesWhenEveryGroupHasAnAlternativeInIt(string answer, string[][] expected, bool passes) =>
        Assert.Equal(passes, EvaluationMetrics.AnswerMatches(answer, expected));

    [Fact]
    public void UnmetGroupsAreTheOnesWithNoAlternativeInTheAnswer()
    {
        var unmet = EvaluationMetrics.UnmetGroups("trade and energy", [["trade"], ["security"], ["energy"], ["critical technologies", "tech"]]);

        Assert.Equal([["security"], ["critical technologies", "tech"]], unmet);
    }

    public static TheoryData<string[], string[], double?> PrecisionCases => new()
    {
        { ["a"], ["a"], 1.0 },
        { ["a", "b"], ["a"], 0.5 },
        { ["a", "a", "b"], ["a"], 0.5 },          // distinct documents: a cited twice counts once
        { ["a", "b", "c", "d"], ["a", "c", "z"], 0.5 },
        { ["x"], ["a"], 0.0 },
        { [], ["a"], null },                         // nothing cited: precision undefined
        { ["x"], [], 0.0 },                          // citing on an unanswerable case
    };

    [Theory]
    [MemberData(nameof(PrecisionCases))]
    public void CitationPrecisionIsTheShareOfDistinctCitedDocumentsInSources(string[] cited, string[] sources, double? expected) =>
        Assert.Equal(expected, EvaluationMetrics.CitationPrecision(cited, sources));

    public static TheoryData<string[], string[], int, double?, double?, double?> RetrievalCases => new()
    {
        // retrieved (rank order), gold, k, recall@k, hit@k, reciprocal rank
        { ["a", "b", "c"], ["a"], 3, 1.0, 1.0, 1.0 },
        { ["x", "a", "c"], ["a"], 3, 1.0, 1.0, 0.5 },
        { ["x", "y", "a"], ["a"], 2, 0.0, 0.0, 1.0 / 3 },     // outside the top 2, still ranked for MRR
        { ["x", "a", "a", "y"], ["a", "b"], 4, 0.5, 1.0, 0.5 },
        { ["b", "x", "a"], ["a", "b"], 3, 1.0, 1.0, 1.0 },
        { ["b", "x", "a"], ["a", "b"], 2, 0.5, 1.0, 1.0 },
        { ["x", "y", "z", "w"], ["a"], 4, 0.0, 0.0, 0.0 },
        { [], ["a"], 3, 0.0, 0.0, 0.0 },
        { ["a"], [], 3, null, null, null },                    // no gold documents: not measured
    };

    [Theory]
    [MemberData(nameof(RetrievalCases))]
    public void RetrievalFiguresFollowTheRanksOfGoldDocuments(string[] retrieved, string[] gold, int k, double? recall, double? hit, double? reciprocalRank)
    {
        Assert.Equal(recall, EvaluationMetrics.RecallAtK(retrieved, gold, k));
        Assert.Equal(hit, EvaluationMetrics.HitAtK(retrieved, gold, k));
        Assert.Equal(reciprocalRank, EvaluationMetrics.ReciprocalRank(retrieved, gold));
    }

    public static TheoryData<double[], double, double?> PercentileCases => new()
    {
        { [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5.5 },
        { [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 9.55 },
        { [10, 1, 7, 3], 50, 5.0 },                  // order does not matter
        { [100, 200, 300, 400, 1000], 95, 880.0 },
        { [42], 95, 42.0 },
        { [3, 1, 2], 0, 1.0 },
        { [3, 1, 2], 100, 3.0 },
        { [], 50, null },
    };

    [Theory]
    [MemberData(nameof(PercentileCases))]
    public void PercentilesInterpolateBetweenClosestRanks(double[] values, double percentile, double? expected)
    {
        var actual = EvaluationMetrics.Percentile(values, percentile);
        if (expected is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Equal(expected.Value, actual!.Value, 9);
        }
    }

    [Fact]
    public void AnAnswerableCasePassesWithTheAnswerAndACitedSource()
    {
        var score = EvaluationMetrics.ScoreCase(Answerable("c", [["Hegseth"]], "a", "b"), Answer("He met Hegseth [1].", ["b", "x"], ["x", "b"]), 3, true);

        Assert.True(score.Passed);
        Assert.Null(score.FailureReason);
        Assert.Equal(0.5, score.CitationPrecision);
        Assert.Equal(0.5, score.RecallAtK);
        Assert.Equal(0.5, score.ReciprocalRank);
    }

    public static TheoryData<string, bool, string[], string[], string> FailureCases => new()
    {
        // answer text, declined, cited, retrieved, expected reason
        { "He met Austin [1].", false, ["a"], ["a"], "answer lacks \"Hegseth\"" },
        { "He met Hegseth [1].", false, ["x"], ["a"], "cites none of the sources (cited x; sources a)" },
        { "He met Hegseth.", false, [], ["a"], "cites no document" },
        { "He met Austin [1].", false, ["x"], ["x"], "answer lacks \"Hegseth\"; cites none of the sources (cited x; sources a); no chunk of a source document was retrieved" },
        { "The articles do not say.", true, [], ["a"], "false decline: declined an answerable question" },
        { "The articles do not say.", true, [], ["x"], "false decline: declined an answerable question; no chunk of a source document was retrieved" },
    };

    [Theory]
    [MemberData(nameof(FailureCases))]
    public void AFailedAnswerableCaseSaysWhy(string text, bool declined, string[] cited, string[] retrieved, string reason)
    {
        var score = EvaluationMetrics.ScoreCase(Answerable("c", [["Hegseth"]], "a"), Answer(text, cited, retrieved, declined: declined), 3, true);

        Assert.False(score.Passed);
        Assert.Equal(reason, score.FailureReason);
    }

    [Fact]
    public void AnUnanswerableCasePassesOnlyWhenDeclinedWithoutCitations()
    {
        var declined = EvaluationMetrics.ScoreCase(Unanswerable("u"), Decline(), 3, true);
        var answered = EvaluationMetrics.ScoreCase(Unanswerable("u"), Answer("Kuala Lumpur has 2 million people [1].", ["a"], ["a"]), 3, true);
        var declinedButCited = EvaluationMetrics.ScoreCase(Unanswerable("u"), Answer("Not in the articles.", ["a"], ["a"], declined: true), 3, true);

        Assert.True(declined.Passed);
        Assert.Null(declined.CitationPrecision);
        Assert.False(answered.Passed);
        Assert.Equal("answered an unanswerable question instead of declining (cited a)", answered.FailureReason);
        Assert.Equal(0.0, answered.CitationPrecision);
        Assert.False(declinedButCited.Passed);
        Assert.Equal("declined but still cited a", declinedButCited.FailureReason);
    }

    [Fact]
    public void RetrievalIsNotMeasuredWhenTheTargetDoesNotReportIt()
    {
        var score = EvaluationMetrics.ScoreCase(Answerable("c", [["Hegseth"]], "a"), Answer("Hegseth [1]", ["a"], []), 3, retrievalKnown: false);

        Assert.True(score.Passed);
        Assert.Null(score.RecallAtK);
        Assert.Null(score.ReciprocalRank);
    }

    [Fact]
    public void TheSummaryAddsUpAHandMadeRun()
    {
        // Four answerable and two unanswerable cases with known outcomes, k = 2.
        var results = new[]
        {
            // passes; cites a (gold) and x: 1 of 2 in sources; gold at rank 1 → recall 1, RR 1
            Result(Answerable("c1", [["alpha"]], "a"), Answer("alpha [1][2]", ["a", "x"], ["a", "x"], elapsedMs: 10), k: 2),
            // passes; cites b (gold); gold at rank 2 → RR 0.5; recall@2 of {b, c} = 0.5
            Result(Answerable("c2", [["beta"]], "b", "c"), Answer("beta [1]", ["b"], ["x", "b"], elapsedMs: 20), k: 2),
            // fails: wrong answer, cites y; gold only at rank 3 → recall@2 0, RR 1/3
            Result(Answerable("c3", [["gamma"]], "c"), Answer("delta [1]", ["y"], ["x", "y", "c"], elapsedMs: 30), k: 2),
            // false decline; retrieved gold at rank 1
            Result(Answerable("c4", [["eps"]], "d"), Answer("Not in the articles.", [], ["d"], elapsedMs: 40, declined: true), k: 2),
            // correct decline
            Result(Unanswerable("u1"), Decline(elapsedMs: 50), k: 2),
            // answered an unanswerable case, citing z
            Result(Unanswerable("u2"), Answer("made up [1]", ["z"], ["z"], elapsedMs: 1000), k: 2),
        };

        var m = EvaluationMetrics.Summarize(results, k: 2);

        Assert.Equal((6, 4, 2, 3), (m.Cases, m.Answerable, m.Unanswerable, m.Passed));
        Assert.Equal(0.5, m.Accuracy);
        Assert.Equal((2, 5), (m.CitedDocumentsInSources, m.CitedDocuments));     // a, b of a, x, b, y, z
        Assert.Equal(0.4, m.CitationPrecision!.Value, 9);
        Assert.Equal((1 + 0.5 + 0 + 1) / 4, m.RecallAtK!.Value, 9);
        Assert.Equal((1 + 1 + 0 + 1) / 4.0, m.HitRateAtK!.Value, 9);
        Assert.Equal((1 + 0.5 + (1.0 / 3) + 1) / 4, m.Mrr!.Value, 9);
        Assert.Equal((2, 0.5), (m.AnswerablePassed, m.AnswerableAccuracy));       // c1, c2 of four answerable
        Assert.Equal((2, 4), (m.AnsweredAnswerableCitedDocumentsInSources, m.AnsweredAnswerableCitedDocuments));   // a, x; b; y (c4 declined)
        Assert.Equal(0.5, m.AnsweredAnswerableCitationPrecision);
        Assert.Equal((1, 0.5), (m.CorrectDeclines, m.CorrectDeclineRate));
        Assert.Equal((1, 0.25), (m.FalseDeclines, m.FalseDeclineRate));
        Assert.Equal(35.0, m.LatencyP50Ms);                  // 10 20 30 40 50 1000 → between 30 and 40
        Assert.Equal(762.5, m.LatencyP95Ms!.Value, 9);       // position 4.75 → 50 + 0.75 × 950
        Assert.Equal(0, m.Errors);
    }

    [Fact]
    public void AnEmptyRunHasZeroAccuracyAndNoOtherFigures()
    {
        var m = EvaluationMetrics.Summarize([], k: 8);

        Assert.Equal(0, m.Accuracy);
        Assert.Null(m.CitationPrecision);
        Assert.Null(m.RecallAtK);
        Assert.Null(m.CorrectDeclineRate);
        Assert.Null(m.AnswerableAccuracy);
        Assert.Null(m.AnsweredAnswerableCitationPrecision);
        Assert.Null(m.LatencyP50Ms);
    }
}
