using System.Globalization;
using System.Text.RegularExpressions;
using QaBot.Core.Answering;
using QaBot.Core.Text;

namespace QaBot.Core.Evaluation;

/// <summary>
/// The scoring rules of <c>shared/eval/README.md</c> as pure functions.
/// <list type="bullet">
/// <item>Answer: every expected group has an alternative in the answer, case-insensitively, after
/// removing <c>[n]</c> citation markers and folding whitespace, typographic quotes and dashes.</item>
/// <item>Citations: a case passes when at least one cited document is in its sources; precision is the
/// share of distinct cited documents that are sources (pooled over all cases, so citations on an
/// unanswerable case count against it); the same precision is also given over the answered (not
/// declined) answerable cases alone.</item>
/// <item>Headline figures: answerable accuracy = answerable cases passed / answerable cases; decline rate =
/// unanswerable cases declined without citing / unanswerable cases; accuracy pools every case.</item>
/// <item>Retrieval, over the document ids of the retrieved chunks in rank order: recall@k = share of the
/// gold documents among the first k; hit@k = 1 when any is; reciprocal rank = 1 / rank of the first chunk
/// from a gold document (0 when none was retrieved).</item>
/// <item>Percentiles: linear interpolation between closest ranks (numpy's default).</item>
/// </list>
/// </summary>
public static partial class EvaluationMetrics
{
    public static string NormalizeForMatching(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        return TextNormalizer.CollapseWhitespace(CitationMarker().Replace(text, " "), c => c switch
        {
            '\u2018' or '\u2019' or '\u201B' or '\u2032' => '\'',
            '\u201C' or '\u201D' or '\u201F' or '\u2033' => '"',
            '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
            _ => char.ToLowerInvariant(c),
        });
    }

    /// <summary>True when <paramref name="alternative"/> appears in <paramref name="answer"/> (case-insensitive).</summary>
    public static bool Contains(string answer, string alternative) =>
        NormalizeForMatching(answer).Contains(NormalizeForMatching(alternative), StringComparison.Ordinal);

    /// <summary>The expected groups none of whose alternatives appear in the answer (empty: the answer passes).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> UnmetGroups(string answer, IReadOnlyList<IReadOnlyList<string>> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var normalizedAnswer = NormalizeForMatching(answer);
        return [.. expected.Where(group => !group.Any(alternative =>
            normalizedAnswer.Contains(NormalizeForMatching(alternative), StringComparison.Ordinal)))];
    }

    public static bool AnswerMatches(string answer, IReadOnlyList<IReadOnlyList<string>> expected) =>
        UnmetGroups(answer, expected).Count == 0;

    /// <summary>Distinct cited document ids, in order of first citation.</summary>
    public static IReadOnlyList<string> CitedDocuments(IEnumerable<string> citedDocumentIds) =>
        [.. citedDocumentIds.Distinct(StringComparer.Ordinal)];

    /// <summary>How many of the distinct cited documents are sources; (0, 0) when nothing was cited.</summary>
    public static (int InSources, int Cited) CitationCounts(IEnumerable<string> citedDocumentIds, IReadOnlyCollection<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var cited = CitedDocuments(citedDocumentIds);
        return (cited.Count(sources.Contains), cited.Count);
    }

    /// <summary>Share of distinct cited documents that are sources; null when nothing was cited.</summary>
    public static double? CitationPrecision(IEnumerable<string> citedDocumentIds, IReadOnlyCollection<string> sources)
    {
        var (inSources, cited) = CitationCounts(citedDocumentIds, sources);
        return cited == 0 ? null : (double)inSources / cited;
    }

    /// <summary>Share of the distinct gold documents among the first <paramref name="k"/> retrieved; null without gold documents.</summary>
    public static double? RecallAtK(IReadOnlyList<string> retrievedDocumentIds, IReadOnlyCollection<string> sources, int k)
    {
        ArgumentNullException.ThrowIfNull(retrievedDocumentIds);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);

        var gold = sources.Distinct(StringComparer.Ordinal).ToList();
        if (gold.Count == 0)
        {
            return null;
        }

        var topK = retrievedDocumentIds.Take(k).ToHashSet(StringComparer.Ordinal);
        return (double)gold.Count(topK.Contains) / gold.Count;
    }

    /// <summary>1 when any gold document is among the first <paramref name="k"/> retrieved, else 0; null without gold documents.</summary>
    public static double? HitAtK(IReadOnlyList<string> retrievedDocumentIds, IReadOnlyCollection<string> sources, int k)
    {
        ArgumentNullException.ThrowIfNull(retrievedDocumentIds);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);

        if (sources.Count == 0)
        {
            return null;
        }

        return retrievedDocumentIds.Take(k).Any(sources.Contains) ? 1.0 : 0.0;
    }

    /// <summary>1 / rank (1-based) of the first retrieved chunk from a gold document; 0 when none; null without gold documents.</summary>
    public static double? ReciprocalRank(IReadOnlyList<string> retrievedDocumentIds, IReadOnlyCollection<string> sources)
    {
        ArgumentNullException.ThrowIfNull(retrievedDocumentIds);
        ArgumentNullException.ThrowIfNull(sources);

        if (sources.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < retrievedDocumentIds.Count; i++)
        {
            if (sources.Contains(retrievedDocumentIds[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0.0;
    }

    /// <summary>The <paramref name="percentile"/> (0..100) of <paramref name="values"/>, interpolated linearly; null when empty.</summary>
    public static double? Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);

        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var position = percentile / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    /// <summary>Scores one case by the README's rules and says why it failed.</summary>
    public static CaseScore ScoreCase(EvalCase evalCase, AnswerDto answer, int k, bool retrievalKnown)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);

        var citedIds = answer.Citations.Select(c => c.DocumentId).ToList();
        var cited = CitedDocuments(citedIds);
        var precision = evalCase.Answerable || cited.Count > 0 ? CitationPrecision(citedIds, [.. evalCase.Sources]) : null;

        if (!evalCase.Answerable)
        {
            string? reason = null;
            if (!answer.Declined)
            {
                reason = cited.Count > 0
                    ? $"answered an unanswerable question instead of declining (cited {string.Join(", ", cited)})"
                    : "answered an unanswerable question instead of declining";
            }
            else if (cited.Count > 0)
            {
                reason = $"declined but still cited {string.Join(", ", cited)}";
            }

            return new CaseScore(reason is null, reason, null, null, precision, null, null, null);
        }

        var retrievedIds = answer.Retrieved.Select(r => r.DocumentId).ToList();
        double? recall = retrievalKnown ? RecallAtK(retrievedIds, [.. evalCase.Sources], k) : null;
        double? hit = retrievalKnown ? HitAtK(retrievedIds, [.. evalCase.Sources], k) : null;
        double? reciprocalRank = retrievalKnown ? ReciprocalRank(retrievedIds, [.. evalCase.Sources]) : null;

        var unmet = UnmetGroups(answer.Answer, evalCase.Expected);
        var citesSource = cited.Any(evalCase.Sources.Contains);
        var reasons = new List<string>();

        if (answer.Declined)
        {
            reasons.Add("false decline: declined an answerable question");
        }
        else
        {
            if (unmet.Count > 0)
            {
                reasons.Add("answer lacks " + string.Join(" and ", unmet.Select(DescribeGroup)));
            }

            if (!citesSource)
            {
                reasons.Add(cited.Count == 0
                    ? "cites no document"
                    : $"cites none of the sources (cited {string.Join(", ", cited)}; sources {string.Join(", ", evalCase.Sources)})");
            }
        }

        if (reasons.Count > 0 && reciprocalRank == 0)
        {
            reasons.Add("no chunk of a source document was retrieved");
        }

        var passed = reasons.Count == 0;
        return new CaseScore(
            passed,
            passed ? null : string.Join("; ", reasons),
            !answer.Declined && unmet.Count == 0,
            citesSource,
            precision,
            recall,
            hit,
            reciprocalRank);
    }

    /// <summary>The run's figures over its case results (see the class remarks for each definition).</summary>
    public static EvaluationSummary Summarize(IReadOnlyList<EvalCaseResult> results, int k)
    {
        ArgumentNullException.ThrowIfNull(results);

        var answerable = results.Where(r => r.Answerable).ToList();
        var unanswerable = results.Where(r => !r.Answerable).ToList();

        var citedDocuments = 0;
        var citedInSources = 0;
        foreach (var result in results)
        {
            var (inSources, cited) = CitationCounts(result.Citations.Select(c => c.DocumentId), [.. result.Sources]);
            citedDocuments += cited;
            citedInSources += inSources;
        }

        var answeredAnswerableCited = 0;
        var answeredAnswerableCitedInSources = 0;
        foreach (var result in answerable.Where(r => !r.Declined))
        {
            var (inSources, cited) = CitationCounts(result.Citations.Select(c => c.DocumentId), [.. result.Sources]);
            answeredAnswerableCited += cited;
            answeredAnswerableCitedInSources += inSources;
        }

        var answerablePassed = answerable.Count(r => r.Passed);
        var correctDeclines = unanswerable.Count(r => r.Passed);
        var falseDeclines = answerable.Count(r => r.Declined);
        var latencies = results.Where(r => r.Error is null).Select(r => r.ElapsedMs).ToList();

        return new EvaluationSummary(
            Cases: results.Count,
            Answerable: answerable.Count,
            Unanswerable: unanswerable.Count,
            Passed: results.Count(r => r.Passed),
            Accuracy: results.Count == 0 ? 0 : (double)results.Count(r => r.Passed) / results.Count,
            CitedDocuments: citedDocuments,
            CitedDocumentsInSources: citedInSources,
            CitationPrecision: citedDocuments == 0 ? null : (double)citedInSources / citedDocuments,
            AnsweredAnswerableCitedDocuments: answeredAnswerableCited,
            AnsweredAnswerableCitedDocumentsInSources: answeredAnswerableCitedInSources,
            AnsweredAnswerableCitationPrecision: answeredAnswerableCited == 0 ? null : (double)answeredAnswerableCitedInSources / answeredAnswerableCited,
            K: k,
            RecallAtK: Mean(answerable.Select(r => r.RecallAtK)),
            HitRateAtK: Mean(answerable.Select(r => r.HitAtK)),
            Mrr: Mean(answerable.Select(r => r.ReciprocalRank)),
            AnswerablePassed: answerablePassed,
            AnswerableAccuracy: answerable.Count == 0 ? null : (double)answerablePassed / answerable.Count,
            CorrectDeclines: correctDeclines,
            CorrectDeclineRate: unanswerable.Count == 0 ? null : (double)correctDeclines / unanswerable.Count,
            FalseDeclines: falseDeclines,
            FalseDeclineRate: answerable.Count == 0 ? null : (double)falseDeclines / answerable.Count,
            Errors: results.Count(r => r.Error is not null),
            LatencyP50Ms: Percentile(latencies, 50),
            LatencyP95Ms: Percentile(latencies, 95),
            LatencyMeanMs: latencies.Count == 0 ? null : latencies.Average(),
            LatencyMaxMs: latencies.Count == 0 ? null : latencies.Max());
    }

    /// <summary>Mean of the values that are present; null when none is.</summary>
    public static double? Mean(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Average();
    }

    private static string DescribeGroup(IReadOnlyList<string> group) =>
        group.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"\"{group[0]}\"")
            : "one of " + string.Join(" / ", group.Select(a => $"\"{a}\""));

    [GeneratedRegex(@"\[\d+(?:\s*[,;-]\s*\d+)*\]")]
    private static partial Regex CitationMarker();
}
