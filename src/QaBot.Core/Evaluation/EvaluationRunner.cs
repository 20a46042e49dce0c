using Microsoft.Extensions.Options;
using QaBot.Core.Storage;

namespace QaBot.Core.Evaluation;

/// <summary>
/// Runs every case of a question set through a target, one at a time (so latencies are not inflated by
/// each other), scores each and sums up, with the calibration of the composer's confidence and, when asked
/// (<see cref="EvaluationRunOptions.ThresholdSweep"/>), the figures per decline threshold. A case whose target throws is recorded as failed with the error;
/// cancellation stops the run, and so do errors that no case could get past (<see cref="IsFatal"/>).
/// </summary>
public sealed class EvaluationRunner(IEvaluationTarget target, TimeProvider? timeProvider = null)
{
    private readonly IEvaluationTarget _target = target ?? throw new ArgumentNullException(nameof(target));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<EvaluationReport> RunAsync(
        QuestionSet questionSet,
        EvaluationRunOptions options,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questionSet);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TopK);
        if (options.ThresholdSweep && options.DeclineThreshold is not (>= 0 and <= 1))
        {
            throw new ArgumentException("A threshold sweep needs the decline threshold in force (0..1) to report the figures at.", nameof(options));
        }

        var startedAt = _time.GetUtcNow();
        var runStart = _time.GetTimestamp();
        var results = new List<EvalCaseResult>(questionSet.Cases.Count);

        // With a sweep every answer is kept (the target's threshold is 0); each case is reported as it comes
        // out at the threshold in force, so the figures are those of a normal run.
        var kept = new List<EvalCaseResult>(questionSet.Cases.Count);
        foreach (var evalCase in questionSet.Cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keptResult = await RunOneAsync(evalCase, options.TopK, cancellationToken).ConfigureAwait(false);
            kept.Add(keptResult);
            var result = options.ThresholdSweep
                ? ConfidenceAnalysis.AtThreshold(evalCase, keptResult, options.DeclineThreshold!.Value, options.TopK, _target.ReportsRetrieval)
                : keptResult;
            results.Add(result);
            progress?.Report(new EvaluationProgress(results.Count, questionSet.Cases.Count, result));
        }

        var sweep = options.ThresholdSweep ? ConfidenceAnalysis.Sweep(kept, options.DeclineThreshold!.Value) : null;
        var calibration = ConfidenceAnalysis.Calibrate(kept, allAnswersKept: options.ThresholdSweep);
        var config = new EvaluationConfig(
            questionSet.Source,
            _target.Name,
            [.. results.Select(r => r.Composer).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)],
            options.TopK,
            startedAt,
            Math.Round(_time.GetElapsedTime(runStart).TotalMilliseconds, 1),
            options.MinAccuracy,
            options.BaselinePath)
        {
            DeclineThreshold = options.DeclineThreshold,
        };

        return new EvaluationReport(config, EvaluationMetrics.Summarize(results, options.TopK), results, questionSet.Errors, null)
        {
            Calibration = calibration,
            ThresholdSweep = sweep,
        };
    }

    private async Task<EvalCaseResult> RunOneAsync(EvalCase evalCase, int topK, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        try
        {
            var outcome = await _target.RunCaseAsync(evalCase, cancellationToken).ConfigureAwait(false);
            var score = EvaluationMetrics.ScoreCase(evalCase, outcome.Answer, topK, _target.ReportsRetrieval);
            return EvalCaseResult.Create(evalCase, outcome, score);
        }
        catch (Exception ex) when (!IsFatal(ex) && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            var elapsed = Math.Round(_time.GetElapsedTime(start).TotalMilliseconds, 1);
            return EvalCaseResult.Failed(evalCase, $"{ex.GetType().Name}: {ex.Message}", elapsed);
        }
    }

    /// <summary>
    /// Errors that would fail every case the same way, so the run stops with them instead of reporting
    /// each case as failed: an index to rebuild or missing, invalid settings, a bot that cannot be reached.
    /// </summary>
    public static bool IsFatal(Exception exception) => exception switch
    {
        IndexMismatchException or StorageException or OptionsValidationException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        _ => false,
    };
}
