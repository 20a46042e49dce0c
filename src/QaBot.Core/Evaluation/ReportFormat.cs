using System.Globalization;

namespace QaBot.Core.Evaluation;

/// <summary>Number formatting shared by the Markdown and HTML reports (invariant culture; "n/a" for null).</summary>
internal static class ReportFormat
{
    public const string NotAvailable = "n/a";

    public static string Rate(double? value) =>
        value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : NotAvailable;

    public static string Milliseconds(double? value) =>
        value is { } v ? v.ToString(v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) : NotAvailable;

    public static string Delta(double? delta, bool isRate) =>
        delta is { } d
            ? (d >= 0 ? "+" : "−") + Math.Abs(d).ToString(isRate ? "0.000" : "0.0", CultureInfo.InvariantCulture)
            : NotAvailable;

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// The rates (0..1) in display order, headline figures first, each with how it was counted; the names
    /// recall@k etc. depend on k, so a baseline run with another k is compared row by row, in this order.
    /// </summary>
    public static IReadOnlyList<(string Name, double? Value, string Detail, bool HigherIsBetter)> Figures(EvaluationSummary m) =>
    [
        (AnswerableAccuracyName, m.AnswerableAccuracy, $"{m.AnswerablePassed}/{m.Answerable} answerable cases answered right", true),
        (DeclineRateName, m.CorrectDeclineRate, $"{m.CorrectDeclines}/{m.Unanswerable} unanswerable cases declined without citing", true),
        (OverallAccuracyName, m.Accuracy, $"{m.Passed}/{m.Cases} cases (the --min-accuracy floor applies to this)", true),
        ("citation precision", m.CitationPrecision, $"{m.CitedDocumentsInSources}/{m.CitedDocuments} cited documents in sources, all cases", true),
        ("citation precision, answered answerable", m.AnsweredAnswerableCitationPrecision, $"{m.AnsweredAnswerableCitedDocumentsInSources}/{m.AnsweredAnswerableCitedDocuments} cited documents in sources, answerable cases not declined", true),
        ($"retrieval recall@{m.K}", m.RecallAtK, "share of gold documents in the top k, answerable cases", true),
        ($"retrieval hit rate@{m.K}", m.HitRateAtK, "a gold document in the top k, answerable cases", true),
        ("retrieval MRR", m.Mrr, "1 / rank of the first gold chunk, answerable cases", true),
        ("false declines", m.FalseDeclineRate, $"{m.FalseDeclines}/{m.Answerable} answerable cases declined (lower is better)", false),
    ];

    public const string AnswerableAccuracyName = BaselineComparer.AnswerableAccuracyName;

    public const string DeclineRateName = BaselineComparer.DeclineRateName;

    public const string OverallAccuracyName = BaselineComparer.OverallAccuracyName;

    /// <summary>A decline threshold: two decimals at least (0.40, 0.42), up to four (0.4125).</summary>
    public static string Threshold(double value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>What the calibration counts and leaves out, in one sentence for under the chart.</summary>
    public static string CalibrationNote(Calibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var note = new System.Text.StringBuilder();
        note.Append(CultureInfo.InvariantCulture, $"{calibration.Cases} answers binned by the composer's confidence; right = an answerable case that passed (an unanswerable case's answer is never right).");
        if (calibration.ExpectedCalibrationError is { } ece)
        {
            note.Append(CultureInfo.InvariantCulture, $" Expected calibration error {Rate(ece)}.");
        }

        var leftOut = new List<string>();
        if (calibration.WithoutConfidence > 0)
        {
            leftOut.Add($"{calibration.WithoutConfidence} without a confidence (an LLM's answer or an error)");
        }

        if (calibration.Declined > 0)
        {
            leftOut.Add(calibration.AllAnswersKept
                ? $"{calibration.Declined} declined with no candidate sentence"
                : $"{calibration.Declined} declined, whose best sentence was not shown (--threshold-sweep keeps every answer and bins them too)");
        }

        note.Append(leftOut.Count == 0 ? " No case left out." : $" Left out: {string.Join("; ", leftOut)}.");
        if (calibration.AllAnswersKept)
        {
            note.Append(" Every answer was kept for this chart (--threshold-sweep).");
        }

        return note.ToString();
    }

    public static string Truncate(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars).TrimEnd(), "…");
}
