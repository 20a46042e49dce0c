using QaBot.Core.Answering;
using QaBot.Core.Evaluation;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>A small but complete report: passes, failures of each kind, a hostile snippet, spread latencies.</summary>
internal static class SampleReports
{
    public const string HostileSnippet = "Rubio said <script>alert('x')</script> & \"more\" </td></tr>";

    /// <summary>The decline threshold the sample runs are at; the declined cases' confidences are below it.</summary>
    public const double DeclineThreshold = 0.4;

    /// <summary>The composer's confidence per case: the declined cases (8, 10, 12) are below the threshold, the rest above.</summary>
    private static readonly double[] Confidences = [0.97, 0.88, 0.91, 0.76, 0.55, 0.83, 0.64, 0.12, 0.93, 0.08, 0.47, 0.21];

    public static EvaluationReport Create(bool secondRun = false)
    {
        var cases = new List<EvalCaseResult>();
        var latencies = new[] { 12.5, 18, 22, 25, 31, 40, 44, 52, 75, 130, 260, 410 };
        for (var i = 0; i < latencies.Length; i++)
        {
            var id = $"case-{i + 1:00}";
            var answerable = i < 9;
            var evalCase = answerable
                ? new EvalCase(id, $"Who did Jaishankar meet, question {i + 1}?", i == 3 ? ["Who met at the Pentagon?"] : [], [["Hegseth"], ["Pentagon", "Defense"]], ["000_a"], true, i + 1)
                : new EvalCase(id, $"What is unanswerable question {i + 1}?", [], [], [], false, i + 1);

            var fails = secondRun ? i is 1 or 4 or 10 : i is 4 or 7 or 10;
            AnswerDto answer;
            if (!answerable)
            {
                answer = fails
                    ? new AnswerDto(evalCase.Question, "It is 2 million [1].", false, [new CitationDto(1, "002_c", "Other", HostileSnippet, 0.2, "2025-07-02", 100, 180)], [new RetrievedDto("002_c", "002_c#4", 0.2)], latencies[i], "extractive", evalCase.Question, [])
                    : new AnswerDto(evalCase.Question, "The articles do not say.", true, [], [new RetrievedDto("002_c", "002_c#1", 0.1)], latencies[i], "extractive", evalCase.Question, []);
            }
            else if (fails && i == 7)
            {
                answer = new AnswerDto(evalCase.Question, "The articles do not say.", true, [], [new RetrievedDto("003_d", "003_d#0", 0.3)], latencies[i], "extractive", evalCase.Question, []);
            }
            else
            {
                var text = fails ? "He met Austin at the Pentagon [1]." : "He met Pete Hegseth at the Pentagon [1][2].";
                answer = new AnswerDto(
                    evalCase.Question,
                    text,
                    false,
                    [new CitationDto(1, "000_a", "Jaishankar meets Hegseth", HostileSnippet, 0.91, "2025-07-02", 100, 180), new CitationDto(2, i == 2 ? "001_b" : "000_a", "India-US ties", "Snippet two.", 0.5, "2025-07-02", 100, 180)],
                    [new RetrievedDto("000_a", "000_a#2", 0.03), new RetrievedDto("001_b", "001_b#0", 0.02), new RetrievedDto("000_a", "000_a#3", 0.01)],
                    latencies[i],
                    "extractive",
                    i == 3 ? "Who did Jaishankar meet at the Pentagon?" : evalCase.Question,
                    ["What did Hegseth say?"]);
            }

            answer = answer with { Confidence = secondRun && i == 7 ? 0.45 : Confidences[i] };      // case-08 is answered in the second run
            var score = EvaluationMetrics.ScoreCase(evalCase, answer, 3, retrievalKnown: true);
            cases.Add(EvalCaseResult.Create(evalCase, new EvalCaseOutcome(answer, i == 3 ? ["He met Hegseth [1]."] : []), score));
        }

        var config = new EvaluationConfig("/data/eval/dev.jsonl", "in-process", ["extractive"], 3,
            new DateTimeOffset(2026, 11, 24, secondRun ? 10 : 9, 30, 0, TimeSpan.Zero), 1234.5, 0.85, null)
        {
            DeclineThreshold = DeclineThreshold,
        };
        return new EvaluationReport(config, EvaluationMetrics.Summarize(cases, 3), cases,
            [new QuestionSetLineError(14, "not valid JSON (bad <thing>)")], null)
        {
            Calibration = ConfidenceAnalysis.Calibrate(cases, allAnswersKept: false),
        };
    }

    /// <summary>
    /// A <c>--threshold-sweep</c> run over the sample's answers as if each had been kept, so the sweep and
    /// the calibration have every bin they can.
    /// </summary>
    public static EvaluationReport CreateSwept(bool compared = false)
    {
        var report = compared ? CreateCompared() : Create();
        return report with
        {
            ThresholdSweep = ConfidenceAnalysis.Sweep(report.Cases, DeclineThreshold),
            Calibration = ConfidenceAnalysis.Calibrate(report.Cases, allAnswersKept: true),
        };
    }

    /// <summary>The second run compared with the first: case-02 regressed, case-08 was fixed.</summary>
    public static EvaluationReport CreateCompared()
    {
        var current = Create(secondRun: true);
        return current with { Comparison = BaselineComparer.Compare(Create(), current, "old/report.json") };
    }
}
