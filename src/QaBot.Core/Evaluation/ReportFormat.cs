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
    /// The headline rates (0..1) in display order, each with how it was counted; the names recall@k etc.
    /// depend on k, so a baseline run with another k is compared row by row, in this order.
    /// </summary>
    public static IReadOnlyList<(string Name, double? Value, string Detail, bool HigherIsBetter)> Figures(EvaluationSummary m) =>
    [
        ("answer accuracy", m.Accuracy, $"{m.Passed}/{m.Cases} cases", true),
        ("citation precision", m.CitationPrecision, $"{m.CitedDocumentsInSources}/{m.CitedDocuments} cited documents in sources", true),
        ($"retrieval recall@{m.K}", m.RecallAtK, "share of gold documents in the top k, answerable cases", true),
        ($"retrieval hit rate@{m.K}", m.HitRateAtK, "a gold document in the top k, answerable cases", true),
        ("retrieval MRR", m.Mrr, "1 / rank of the first gold chunk, answerable cases", true),
        ("correct declines", m.CorrectDeclineRate, $"{m.CorrectDeclines}/{m.Unanswerable} unanswerable cases declined", true),
        ("false declines", m.FalseDeclineRate, $"{m.FalseDeclines}/{m.Answerable} answerable cases declined (lower is better)", false),
    ];

    public static string Truncate(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars).TrimEnd(), "…");
}
