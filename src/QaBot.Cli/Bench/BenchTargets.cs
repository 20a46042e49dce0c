using System.Globalization;
using QaBot.Cli.Bench.Results;

namespace QaBot.Cli.Bench;

/// <summary>Issue 5's targets, checked against a run's figures (full-size targets only when the whole collection ran).</summary>
internal static class BenchTargets
{
    public static IReadOnlyList<TargetCheck> Check(BenchResults r, int collectionSize)
    {
        ArgumentNullException.ThrowIfNull(r);
        var full = r.Corpus.Documents >= collectionSize;
        var largest = r.Queries.MaxBy(q => q.Documents);
        var checks = new List<TargetCheck>();
        if (r.Indexing is { } ix && r.Floors is { } floors && r.Reindex is { } reindex)
        {
            checks.Add(new("Full index of all 21,578 articles < 3 min", F($"{ix.Seconds:0.0} s for {ix.Documents:N0} docs"), full ? ix.Seconds < 180 : null));
            checks.Add(new("Full index ≤ 1.3× (embed floor + insert floor)", F($"{floors.FullIndexOverFloors:0.00}×"), floors.FullIndexOverFloors <= 1.3));
            checks.Add(new("Re-index unchanged < 3% of full, 0 re-embedded", F($"{reindex.PercentOfFullIndex:0.0}%, {reindex.DocumentsReEmbedded} re-embedded"),
                reindex.PercentOfFullIndex < 3 && reindex.DocumentsReEmbedded == 0));
        }

        if (largest is not null)
        {
            checks.Add(new("Retrieval p95 < 50 ms at all docs", F($"{largest.Retrieval.P95:0.0} ms at {largest.Documents:N0} docs"), full ? largest.Retrieval.P95 < 50 : null));
            checks.Add(new("Full offline answer p95 < 100 ms at all docs", F($"{largest.Answer.P95:0.0} ms at {largest.Documents:N0} docs"), full ? largest.Answer.P95 < 100 : null));
        }

        if (r.Recall is { } recall)
        {
            var best = Math.Max(recall.Vector.RecallAtK, recall.Keyword.RecallAtK);
            checks.Add(new("Hybrid recall@10 ≥ max(vector, BM25)", F($"{recall.Hybrid.RecallAtK:0.000} vs {best:0.000}"), recall.Hybrid.RecallAtK >= best));
        }

        if (r.Load.Status == "done")
        {
            // Pss, not VmHWM: every pooled SQLite connection maps the database file (mmap), and the resident set counts
            // those pages once per mapping; Pss counts each page once. VmHWM is reported beside it.
            checks.Add(new(
                "Bot memory < 1 GiB with all articles",
                $"Pss {BenchMarkdown.Mib(r.Load.BotPeakPssBytes)} (anonymous {BenchMarkdown.Mib(r.Load.BotPeakAnonymousBytes)}; peak resident VmHWM {BenchMarkdown.Mib(r.Load.BotPeakWorkingSetBytes)})",
                full && r.Load.BotPeakPssBytes is { } b ? b < 1L << 30 : null));
            checks.Add(new("0 errors under load", F($"{r.Load.Errors} of {r.Load.Requests}"), r.Load.Errors == 0));
        }
        else
        {
            checks.Add(new("Bot memory < 1 GiB; 0 errors under load", r.Load.Status + ": " + r.Load.Note, null));
        }

        return checks;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
