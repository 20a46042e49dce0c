using System.Diagnostics;
using QaBot.Core.Answering.Model;

namespace QaBot.Core.Answering.Training;

/// <summary>
/// Fits the answer model and measures it honestly: leave-one-group-out cross-validation (a group is an
/// article, so no question is scored by a model that saw its article), the composer's decisions replayed
/// on the held-out probabilities, thresholds chosen on those held-out decisions, then the final model fitted
/// on every case.
/// </summary>
public static class AnswerModelTraining
{
    /// <summary>Shares of the best sentence's probability a sentence of another article needs to join an answer.</summary>
    private static readonly double[] ExtraRatios = [1.0, 0.9, 0.8, 0.7, 0.6];

    /// <summary>Shares of the best sentence's probability a sentence of the same article needs to join an answer.</summary>
    private static readonly double[] SameDocumentRatios = [1.0, 0.8, 0.6, 0.4, 0.2];

    /// <summary>
    /// Least citation precision (answered answerable questions) a choice of thresholds must keep. Held out,
    /// precision rises only slowly with the threshold (0.93 at 0.25, 0.95 at 0.50) while answerable accuracy
    /// falls fast (0.64 to 0.37), so a floor of 0.95 bought two points of precision with a quarter of the
    /// answers; answers between the decline and the confident threshold are marked partial instead.
    /// </summary>
    private const double MinCitationPrecision = 0.90;

    /// <summary>Differences in the balanced held-out figure smaller than this are noise (about one question in 200 per class).</summary>
    private const double Indifference = 0.005;

    /// <summary>
    /// Below this calibrated confidence an answer is more likely wrong than right: it is given, but marked
    /// partial ("the articles only partly cover this question").
    /// </summary>
    private const double EvenOdds = 0.5;

    public static TrainingResult Train(
        IReadOnlyList<TrainingCase> cases,
        AnswerModelInfo template,
        AnswerModelTrainer.Settings settings,
        int maxSentences,
        int maxAnswerChars,
        bool crossValidate,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(template);
        var stopwatch = Stopwatch.StartNew();
        var groups = cases.Select(c => c.Group).Distinct(StringComparer.Ordinal).OrderBy(g => g, StringComparer.Ordinal).ToList();
        var rows = cases.Sum(c => c.Labels.Count);

        var thresholds = new AnswerThresholds(template.DeclineThreshold, template.ConfidentThreshold, template.ExtraSentenceRatio, template.SameDocumentRatio);
        HeldOutFigures? overall = null;
        var bySet = new Dictionary<string, HeldOutFigures>(StringComparer.Ordinal);
        var byGroup = new Dictionary<string, HeldOutFigures>(StringComparer.Ordinal);
        var sweep = new Dictionary<string, IReadOnlyList<ThresholdSweepRow>>(StringComparer.Ordinal);
        IReadOnlyList<CalibrationBin> calibration = [];
        if (crossValidate && groups.Count > 1)
        {
            var heldOut = new List<HeldOutPrediction>();
            for (var fold = 0; fold < groups.Count; fold++)
            {
                var group = groups[fold];
                progress?.Report($"fold {fold + 1}/{groups.Count}: fitting without {group}");
                var training = cases.Where(c => c.Group != group).ToList();
                var foldModel = Fit(training, template, settings);
                heldOut.AddRange(cases.Where(c => c.Group == group).Select(c => new HeldOutPrediction(c, foldModel.Predict(c.Features.Features))));
            }

            thresholds = ChooseThresholds(heldOut, maxSentences, maxAnswerChars);
            var outcomes = heldOut.Select(h => AnswerSimulation.Simulate(h.Case, h.Probabilities, thresholds, maxSentences, maxAnswerChars)).ToList();
            overall = HeldOutFigures.Of(outcomes);
            foreach (var set in heldOut.GroupBy(h => h.Case.Set))
            {
                var setOutcomes = outcomes.Where((o, i) => heldOut[i].Case.Set == set.Key).ToList();
                bySet[set.Key] = HeldOutFigures.Of(setOutcomes);
                sweep[set.Key] = Sweep([.. set], thresholds, maxSentences, maxAnswerChars);
            }

            foreach (var group in outcomes.GroupBy(o => o.Group))
            {
                byGroup[group.Key] = HeldOutFigures.Of(group);
            }

            calibration = Calibrate(outcomes);
        }

        progress?.Report($"final fit on all {cases.Count} cases");
        var info = template with
        {
            DeclineThreshold = Math.Round(thresholds.Decline, 3),
            ConfidentThreshold = Math.Round(thresholds.Confident, 3),
            ExtraSentenceRatio = thresholds.ExtraSentenceRatio,
            SameDocumentRatio = thresholds.SameDocumentRatio,
            TrainedAt = DateTimeOffset.UtcNow,
        };
        var model = Fit(cases, info, settings);
        return new TrainingResult(model, cases.Count, rows, groups, overall, bySet, byGroup, sweep, calibration, stopwatch.Elapsed);
    }

    private static AnswerModel Fit(IReadOnlyList<TrainingCase> cases, AnswerModelInfo info, AnswerModelTrainer.Settings settings)
    {
        var features = cases.SelectMany(c => c.Features.Features).ToList();
        var labels = cases.SelectMany(c => c.Labels).ToList();
        return AnswerModelTrainer.Fit(features, labels, info, settings);
    }

    /// <summary>
    /// Thresholds chosen on the held-out decisions, in three steps: the decline threshold with one-sentence
    /// answers; then the two extra-sentence ratios at that threshold; then the decline threshold again with
    /// those ratios. A decline threshold is chosen for the best balanced figure (mean of answerable accuracy
    /// and unanswerable decline rate) that keeps citation precision at or above
    /// <see cref="MinCitationPrecision"/> — where several come within <see cref="Indifference"/> of the best,
    /// the lowest (QaBot answers rather than declines when the evidence does not prefer either); the ratios
    /// for the best balanced figure at that precision. The confident threshold is even odds
    /// (<see cref="EvenOdds"/>), or the decline threshold when that is higher.
    /// </summary>
    private static AnswerThresholds ChooseThresholds(IReadOnlyList<HeldOutPrediction> heldOut, int maxSentences, int maxAnswerChars)
    {
        double Score(AnswerThresholds t)
        {
            var figures = HeldOutFigures.Of(heldOut.Select(h => AnswerSimulation.Simulate(h.Case, h.Probabilities, t, maxSentences, maxAnswerChars)));
            return figures.Balanced - (figures.CitationPrecision < MinCitationPrecision ? 1 : 0);
        }

        AnswerThresholds BestDecline(AnswerThresholds ratios)
        {
            var scored = Enumerable.Range(2, 94)
                .Select(i => ratios with { Decline = i / 100.0, Confident = i / 100.0 })
                .Select(t => (Thresholds: t, Score: Score(t)))
                .ToList();
            var best = scored.Max(s => s.Score);
            return scored.Where(s => s.Score >= best - Indifference).OrderBy(s => s.Thresholds.Decline).First().Thresholds;
        }

        var chosen = BestDecline(new AnswerThresholds(0.5, 0.5, 1.0, 1.0));
        chosen = (from other in ExtraRatios
                  from same in SameDocumentRatios
                  let t = chosen with { ExtraSentenceRatio = other, SameDocumentRatio = same }
                  select (Thresholds: t, Score: Score(t)))
                 .OrderByDescending(x => x.Score)
                 .ThenByDescending(x => x.Thresholds.ExtraSentenceRatio)
                 .ThenByDescending(x => x.Thresholds.SameDocumentRatio)
                 .First().Thresholds;
        chosen = BestDecline(chosen);
        return chosen with { Confident = Math.Max(chosen.Decline, EvenOdds) };
    }

    private static IReadOnlyList<ThresholdSweepRow> Sweep(IReadOnlyList<HeldOutPrediction> heldOut, AnswerThresholds chosen, int maxSentences, int maxAnswerChars)
    {
        var rows = new List<ThresholdSweepRow>();
        for (var t = 0.0; t <= 0.951; t += 0.05)
        {
            var thresholds = chosen with { Decline = Math.Round(t, 2), Confident = Math.Max(chosen.Confident, t) };
            rows.Add(new ThresholdSweepRow(Math.Round(t, 2), HeldOutFigures.Of(heldOut.Select(h => AnswerSimulation.Simulate(h.Case, h.Probabilities, thresholds, maxSentences, maxAnswerChars)))));
        }

        return rows;
    }

    private static IReadOnlyList<CalibrationBin> Calibrate(IReadOnlyList<SimulatedOutcome> outcomes)
    {
        var bins = new List<CalibrationBin>();
        for (var b = 0; b < 10; b++)
        {
            var from = b / 10.0;
            var to = (b + 1) / 10.0;
            var inBin = outcomes.Where(o => o.Confidence >= from && (o.Confidence < to || (b == 9 && o.Confidence <= 1))).ToList();
            bins.Add(new CalibrationBin(
                from,
                to,
                inBin.Count,
                inBin.Count == 0 ? 0 : inBin.Average(o => o.Confidence),
                inBin.Count == 0 ? 0 : (double)inBin.Count(o => o.BestIsAnswer) / inBin.Count));
        }

        return bins;
    }
}
