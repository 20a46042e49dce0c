using System.Globalization;
using System.Text;

namespace QaBot.Core.Answering.Training;

/// <summary>The training report (<c>models/README.md</c>): what the model is, how it was fitted, and its held-out figures.</summary>
public static class TrainingReport
{
    public static string ToMarkdown(TrainingResult result, IReadOnlyList<string> sets, string command)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(sets);
        var info = result.Model.Info;
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("# The answer model");
        md.AppendLine();
        md.AppendLine("`answer-model.zip` (ML.NET FastTree: boosted regression trees with a Platt calibrator) gives each candidate sentence of the");
        md.AppendLine("retrieved passages the probability that it answers the question; `answer-model.json` records its features, the");
        md.AppendLine("encoder they were computed with and the thresholds chosen on held-out articles. Fitted by:");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine(command);
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(inv, $"Fitted {info.TrainedAt:yyyy-MM-dd HH:mm} UTC in {result.Elapsed.TotalMinutes:F1} min on {result.Cases:N0} questions ({result.Rows:N0} candidate sentences) from: {string.Join("; ", sets)}.");
        md.AppendLine(inv, $"Encoder: {info.Encoder}. Thresholds: decline below {info.DeclineThreshold:F3}, partial below {info.ConfidentThreshold:F3}, extra sentences at {info.SameDocumentRatio:F2} (same article) or {info.ExtraSentenceRatio:F2} (another article) of the best's probability.");
        md.AppendLine();
        md.AppendLine("## Features");
        md.AppendLine();
        md.AppendLine(string.Join(", ", info.Features.Select(f => $"`{f}`")) + " — see `src/QaBot.Core/Answering/AnswerFeatures.cs`.");
        md.AppendLine();
        if (result.Overall is null)
        {
            md.AppendLine("Cross-validation was skipped for this fit (`--no-cv`): no held-out figures.");
            return md.ToString();
        }

        md.AppendLine("## Held-out figures");
        md.AppendLine();
        md.AppendLine(inv, $"Leave-one-article-out over {result.Groups.Count} groups: each question is answered by a model fitted without its article (a question without a source is placed in the article most of its top five passages come from). The composer's selection, text and citations are replayed on the held-out probabilities and scored as `qabot eval` scores them. Thresholds above were chosen on these held-out decisions.");
        md.AppendLine();
        md.AppendLine("| set | answerable answered right | unanswerable declined | citation precision (answered answerable) |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (set, f) in result.BySet.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            md.AppendLine(Row(set, f));
        }

        md.AppendLine(Row("all", result.Overall));
        md.AppendLine();
        md.AppendLine("Per article:");
        md.AppendLine();
        md.AppendLine("| article | answerable answered right | unanswerable declined | citation precision |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (group, f) in result.ByGroup.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            md.AppendLine(Row(group, f));
        }

        foreach (var (set, rows) in result.Sweep.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            md.AppendLine();
            md.AppendLine(inv, $"### Decline threshold sweep, {set} (held out)");
            md.AppendLine();
            md.AppendLine("| threshold | answerable answered right | unanswerable declined | balanced | citation precision |");
            md.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
            foreach (var row in rows)
            {
                var f = row.Figures;
                md.AppendLine(inv, $"| {row.Threshold:F2} | {f.AnswerableAccuracy:F3} | {f.DeclineRate:F3} | {f.Balanced:F3} | {f.CitationPrecision:F3} |");
            }
        }

        md.AppendLine();
        md.AppendLine("### Calibration (held out, all sets)");
        md.AppendLine();
        md.AppendLine("| confidence | questions | mean confidence | best sentence holds the answer |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var bin in result.Calibration)
        {
            md.AppendLine(inv, $"| {bin.From:F1}–{bin.To:F1} | {bin.Count} | {bin.MeanConfidence:F3} | {bin.ShareRight:F3} |");
        }

        return md.ToString();
    }

    private static string Row(string name, HeldOutFigures f) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {f.AnswerableAccuracy:F3} ({f.AnsweredRight}/{f.Answerable}) | {f.DeclineRate:F3} ({f.Declined}/{f.Unanswerable}) | {f.CitationPrecision:F3} ({f.CitedInSources}/{f.Cited}) |");
}
