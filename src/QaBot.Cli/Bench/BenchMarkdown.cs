using System.Globalization;
using System.Text;
using QaBot.Cli.Bench.Results;

namespace QaBot.Cli.Bench;

/// <summary>The README's "Benchmarks" table, rendered from a run's results.</summary>
internal static class BenchMarkdown
{
    public static string Render(BenchResults r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = new StringBuilder();
        s.AppendLine(Invariant($"Measured {r.Date} on {r.Machine.Cores} cores (load average {r.Machine.LoadAverageAtStart} at the start, {r.Machine.LoadAverageAtEnd} at the end; the benchmark itself keeps both cores busy), commit {r.Machine.Commit ?? "?"}, with:"));
        s.AppendLine();
        s.AppendLine("```");
        s.AppendLine(r.Command);
        s.AppendLine("```");
        s.AppendLine();
        s.AppendLine(Invariant($"Corpus: {r.Corpus.Documents:N0} Reuters-21578 articles ({r.Corpus.Source}), embeddings {r.Corpus.EmbeddingModel}."));
        s.AppendLine();
        s.AppendLine("| What | Figure |");
        s.AppendLine("| --- | --- |");
        if (r.Indexing is { } ix && r.Floors is { } floors && r.Reindex is { } reindex)
        {
            IndexRows(s, ix, floors, reindex);
        }

        foreach (var q in r.Queries)
        {
            Row(s, Invariant($"Latency at {q.Documents:N0} docs ({q.Chunks:N0} chunks), p50 / p95 / p99"),
                Invariant($"vector search {Lat(q.Knn)}; retrieval {Lat(q.Retrieval)}; answer {Lat(q.Answer)}"));
        }

        if (r.Recall is { } recall)
        {
            Row(s, Invariant($"Known-item recall@10 / MRR ({recall.Sample} titles, seed {recall.Seed}; an article with the identical title counts)"),
                Invariant($"vector {recall.Vector.RecallAtK:0.000} / {recall.Vector.Mrr:0.000}; BM25 {recall.Keyword.RecallAtK:0.000} / {recall.Keyword.Mrr:0.000}; hybrid {recall.Hybrid.RecallAtK:0.000} / {recall.Hybrid.Mrr:0.000}"));
            var u = recall.SampledArticle;
            Row(s, Invariant($"Same, only the sampled article counts ({u.SharedTitleQueries} of the titles head several articles)"),
                Invariant($"vector {u.Vector.RecallAtK:0.000} / {u.Vector.Mrr:0.000}; BM25 {u.Keyword.RecallAtK:0.000} / {u.Keyword.Mrr:0.000}; hybrid {u.Hybrid.RecallAtK:0.000} / {u.Hybrid.Mrr:0.000}")
                + (u.HybridMissesKeywordFinds.Count == 0 ? string.Empty : Invariant(
                    $"; the {u.HybridMissesKeywordFinds.Count} the hybrid misses and BM25 finds share their title with {string.Join(", ", u.HybridMissesKeywordFinds.Select(m => m.ArticlesWithTitle - 1))} other articles")));
            Row(s, "Hybrid recall@10 / MRR with other fusion settings (same candidates)",
                string.Join("; ", recall.FusionSweep.Select(f => Invariant($"{f.Fusion}: {f.Score.RecallAtK:0.000} / {f.Score.Mrr:0.000}"))));
        }

        if (r.Postgres is { } pg)
        {
            Row(s, "PostgreSQL (same run, same corpus): full index",
                Invariant($"{pg.Indexing.Documents:N0} docs, {pg.Indexing.Chunks:N0} chunks in {pg.Indexing.Seconds:0.0} s — {pg.Indexing.DocumentsPerSecond:N0} docs/s, {pg.Indexing.ChunksPerSecond:N0} chunks/s; database {Mib(pg.Indexing.DatabaseBytes)}"));
            var q = pg.Queries;
            Row(s, Invariant($"PostgreSQL latency at {q.Documents:N0} docs ({q.Chunks:N0} chunks), p50 / p95 / p99"),
                Invariant($"HNSW vector search {Lat(q.Knn)}; retrieval {Lat(q.Retrieval)}; answer {Lat(q.Answer)}"));
            if (pg.Recall is { } pr)
            {
                Row(s, Invariant($"PostgreSQL known-item recall@10 / MRR ({pr.Sample} titles, seed {pr.Seed})"),
                    Invariant($"vector {pr.Vector.RecallAtK:0.000} / {pr.Vector.Mrr:0.000}; BM25 {pr.Keyword.RecallAtK:0.000} / {pr.Keyword.Mrr:0.000}; hybrid {pr.Hybrid.RecallAtK:0.000} / {pr.Hybrid.Mrr:0.000}"));
            }
        }

        var load = r.Load;
        Row(s, Invariant($"Bot load ({load.Clients} clients, expectReplies)"), load.Status == "done"
            ? Invariant($"{load.RequestsPerSecond:0.0} req/s over {load.Seconds:0} s, p50 {load.Latency!.P50:0} ms, p95 {load.Latency.P95:0} ms, {load.Errors} errors; bot peak memory {Mib(load.BotPeakWorkingSetBytes)} resident (VmHWM), {Mib(load.BotPeakPssBytes)} proportional (Pss), {Mib(load.BotPeakAnonymousBytes)} anonymous")
            : $"{load.Status}: {load.Note}");
        s.AppendLine();
        s.AppendLine("| Target | Measured | Met |");
        s.AppendLine("| --- | --- | --- |");
        foreach (var t in r.Targets)
        {
            s.AppendLine($"| {t.Target} | {t.Measured} | {(t.Met is null ? "not measured" : t.Met.Value ? "yes" : "**no**")} |");
        }

        return s.ToString();
    }

    private static void IndexRows(StringBuilder s, IndexingResult ix, FloorsResult floors, ReindexResult reindex)
    {
        Row(s, "Full index", Invariant($"{ix.Documents:N0} docs, {ix.Chunks:N0} chunks in {ix.Seconds:0.0} s — {ix.DocumentsPerSecond:N0} docs/s, {ix.ChunksPerSecond:N0} chunks/s"));
        Row(s, "Stages (read / chunk / embed / store)", Invariant($"{ix.Stages.Read:0.0} / {ix.Stages.Chunk:0.0} / {ix.Stages.Embed:0.0} / {ix.Stages.Store:0.0} s (all four overlap)"));
        Row(s, "Floors: embed alone / bulk insert alone", Invariant($"{floors.EmbedSeconds:0.0} s ({floors.EmbedChunksPerSecond:N0} chunks/s) / {floors.InsertSeconds:0.0} s ({floors.InsertChunksPerSecond:N0} chunks/s)"));
        Row(s, "The indexer's store path alone (same rows, no embedding beside it)", Invariant($"{floors.StoreAloneSeconds:0.0} s"));
        Row(s, "Full index ÷ sum of floors", Invariant($"{floors.FullIndexOverFloors:0.00}× wall clock; CPU time {ix.CpuSeconds:0.0} s ÷ {floors.EmbedCpuSeconds + floors.InsertCpuSeconds:0.0} s = {floors.FullIndexCpuOverFloorsCpu:0.00}×"));
        Row(s, "Peak memory while indexing", Invariant($"{Mib(ix.PeakWorkingSetBytes)} working set; GC heap {Mib(ix.GcHeapBytes)}, {Mib(ix.AllocatedBytes)} allocated, gen2 GCs {ix.Gen2Collections}"));
        Row(s, "Database size", Mib(ix.DatabaseBytes));
        Row(s, "Re-index, unchanged", Invariant($"{reindex.Seconds:0.00} s ({reindex.PercentOfFullIndex:0.0}% of full), {reindex.DocumentsReEmbedded} documents re-embedded; read {reindex.Stages.Read:0.00} s, store {reindex.Stages.Store:0.00} s"));
    }

    private static void Row(StringBuilder s, string what, string figure) => s.AppendLine($"| {what} | {figure} |");

    private static string Lat(LatencySummary l) => Invariant($"{l.P50:0.0} / {l.P95:0.0} / {l.P99:0.0} ms");

    internal static string Mib(long? bytes) => bytes is { } b ? Invariant($"{b / (1024.0 * 1024.0):N0} MiB") : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
