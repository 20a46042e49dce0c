using QaBot.Core.Answering;

namespace QaBot.Core.Evaluation;

/// <summary>
/// What the composer's confidence (its probability that the best sentence answers) says about the run,
/// as pure functions over the case results:
/// <list type="bullet">
/// <item>A threshold sweep: from a run in which every answer was kept (decline threshold 0), each case's
/// outcome at threshold t — its answer is kept iff its confidence ≥ t, otherwise QaBot would have
/// declined — and the run's figures at each t.</item>
/// <item>Calibration: cases binned by confidence, with the share of each bin whose answer was right
/// (an answerable case that passed; an unanswerable case's answer is never right).</item>
/// </list>
/// A case without a confidence (an LLM's answer, an error) keeps its outcome at every threshold and is left
/// out of the calibration.
/// </summary>
public static class ConfidenceAnalysis
{
    /// <summary>Bins of the reliability chart: [0, 0.1), [0.1, 0.2), …, [0.9, 1].</summary>
    public const int CalibrationBins = 10;

    /// <summary>The thresholds <c>--threshold-sweep</c> reports: 0.00, 0.05, …, 0.95.</summary>
    public static IReadOnlyList<double> SweepThresholds { get; } = [.. Enumerable.Range(0, 20).Select(i => i / 20.0)];

    /// <summary>True when the case's answer stands at <paramref name="threshold"/>: its confidence is at least the threshold, or it has none.</summary>
    public static bool IsKept(EvalCaseResult result, double threshold)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Confidence is not { } confidence || confidence >= threshold;
    }

    /// <summary>
    /// The case as it would have come out at <paramref name="threshold"/>, given its result with the answer
    /// kept: unchanged when kept, otherwise QaBot's decline (no citations, no suggestions), scored again.
    /// </summary>
    public static EvalCaseResult AtThreshold(EvalCase evalCase, EvalCaseResult kept, double threshold, int k, bool retrievalKnown)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(kept);
        if (IsKept(kept, threshold) || kept.Declined)
        {
            return kept;
        }

        var decline = new AnswerDto(
            kept.Question, AnswerMessages.NotFound, Declined: true, Citations: [], kept.Retrieved, kept.ElapsedMs,
            kept.Composer, kept.StandaloneQuery ?? string.Empty, SuggestedQuestions: [])
        {
            Confidence = kept.Confidence,
            Partial = false,
        };
        var score = EvaluationMetrics.ScoreCase(evalCase, decline, k, retrievalKnown);
        return EvalCaseResult.Create(evalCase, new EvalCaseOutcome(decline, kept.ContextAnswers), score);
    }

    /// <summary>
    /// The figures at each of <paramref name="thresholds"/> (default <see cref="SweepThresholds"/>) and at
    /// <paramref name="inForce"/> (added in order when it is not one of them; its row is marked), from
    /// results in which every answer was kept.
    /// </summary>
    public static ThresholdSweep Sweep(IReadOnlyList<EvalCaseResult> keptResults, double inForce, IReadOnlyList<double>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(keptResults);
        ArgumentOutOfRangeException.ThrowIfLessThan(inForce, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inForce, 1);

        var grid = (thresholds ?? SweepThresholds).ToList();
        if (!grid.Any(t => SameThreshold(t, inForce)))
        {
            grid.Add(inForce);
        }

        var rows = grid.Order().Select(t => Row(keptResults, t, SameThreshold(t, inForce))).ToList();
        return new ThresholdSweep(inForce, keptResults.Count(r => r.Confidence is null), rows);
    }

    /// <summary>The figures at one threshold (see <see cref="Sweep"/>).</summary>
    public static ThresholdSweepRow Row(IReadOnlyList<EvalCaseResult> keptResults, double threshold, bool inForce = false)
    {
        ArgumentNullException.ThrowIfNull(keptResults);

        int answerable = 0, answerableRight = 0, unanswerable = 0, unanswerableDeclined = 0, cited = 0, citedInSources = 0;
        foreach (var result in keptResults)
        {
            var kept = IsKept(result, threshold);
            if (result.Answerable)
            {
                answerable++;
                if (kept && result.Passed)
                {
                    answerableRight++;
                }

                if (kept && !result.Declined)
                {
                    var (inSources, count) = EvaluationMetrics.CitationCounts(result.Citations.Select(c => c.DocumentId), [.. result.Sources]);
                    cited += count;
                    citedInSources += inSources;
                }
            }
            else
            {
                unanswerable++;
                // Not kept: QaBot would have declined, citing nothing, which is what an unanswerable case asks for.
                if (!kept || result.Passed)
                {
                    unanswerableDeclined++;
                }
            }
        }

        double? answerableAccuracy = answerable == 0 ? null : (double)answerableRight / answerable;
        double? declineRate = unanswerable == 0 ? null : (double)unanswerableDeclined / unanswerable;
        var cases = answerable + unanswerable;
        return new ThresholdSweepRow(
            threshold,
            inForce,
            answerable,
            answerableRight,
            answerableAccuracy,
            unanswerable,
            unanswerableDeclined,
            declineRate,
            answerableAccuracy.HasValue && declineRate.HasValue ? (answerableAccuracy.Value + declineRate.Value) / 2 : null,
            cases,
            answerableRight + unanswerableDeclined,
            cases == 0 ? null : (double)(answerableRight + unanswerableDeclined) / cases,
            cited,
            citedInSources,
            cited == 0 ? null : (double)citedInSources / cited);
    }

    /// <summary>
    /// Cases binned by confidence into <see cref="CalibrationBins"/> bins, each with the share answered right.
    /// Declined cases are left out: their best sentence was not shown, so whether it was right is unknown
    /// (with every answer kept, only the cases with no candidate sentence at all are declined).
    /// </summary>
    public static Calibration Calibrate(IReadOnlyList<EvalCaseResult> results, bool allAnswersKept)
    {
        ArgumentNullException.ThrowIfNull(results);

        var cases = new int[CalibrationBins];
        var right = new int[CalibrationBins];
        var confidenceSum = new double[CalibrationBins];
        int withoutConfidence = 0, declined = 0;
        foreach (var result in results)
        {
            if (result.Confidence is not { } confidence)
            {
                withoutConfidence++;
                continue;
            }

            if (result.Declined)
            {
                declined++;
                continue;
            }

            var bin = BinOf(confidence);
            cases[bin]++;
            confidenceSum[bin] += confidence;
            if (result.Answerable && result.Passed)
            {
                right[bin]++;
            }
        }

        var bins = Enumerable.Range(0, CalibrationBins)
            .Select(i => new CalibrationBin(
                (double)i / CalibrationBins,
                (double)(i + 1) / CalibrationBins,
                cases[i],
                right[i],
                cases[i] == 0 ? null : (double)right[i] / cases[i],
                cases[i] == 0 ? null : confidenceSum[i] / cases[i]))
            .ToList();
        var counted = cases.Sum();
        double? ece = counted == 0
            ? null
            : bins.Where(b => b.Cases > 0).Sum(b => b.Cases * Math.Abs(b.RightShare!.Value - b.MeanConfidence!.Value)) / counted;
        return new Calibration(allAnswersKept, counted, withoutConfidence, declined, ece, bins);
    }

    /// <summary>The bin of a confidence: ⌊10 c⌋, computed in decimal so that 0.3 falls in [0.3, 0.4); 1 goes to the last bin.</summary>
    public static int BinOf(double confidence) =>
        Math.Clamp((int)Math.Floor((decimal)Math.Clamp(confidence, 0, 1) * CalibrationBins), 0, CalibrationBins - 1);

    private static bool SameThreshold(double a, double b) => Math.Abs(a - b) < 1e-9;
}
