using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Bench.Results;
using QaBot.Core.Indexing;

namespace QaBot.Cli.Bench;

/// <summary>Times a full index (rebuild) with its memory figures, and a re-index of the unchanged corpus.</summary>
internal static class IndexBenchmark
{
    public static async Task<(IndexingResult Result, IndexReport Report)> FullIndexAsync(
        IServiceProvider services, string databasePath, CancellationToken cancellationToken)
    {
        var indexer = services.GetRequiredService<ICorpusIndexer>();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ProcessMemory.ResetPeak();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);

        var cpu = CpuTime();
        var report = await indexer.IndexAsync(rebuild: true, progress: null, cancellationToken);
        var cpuSeconds = (CpuTime() - cpu).TotalSeconds;

        var peak = ProcessMemory.PeakWorkingSet(Environment.ProcessId);
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        var seconds = report.Elapsed.TotalSeconds;
        var result = new IndexingResult(
            report.DocumentsEmbedded,
            report.ChunksWritten,
            Math.Round(seconds, 3),
            Math.Round(cpuSeconds, 3),
            Math.Round(report.DocumentsEmbedded / seconds, 1),
            Math.Round(report.ChunksWritten / seconds, 1),
            Stages(report),
            peak,
            gc.HeapSizeBytes,
            gc.TotalCommittedBytes,
            GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            BenchHost.DatabaseBytes(databasePath));
        return (result, report);
    }

    /// <summary>CPU time of this process so far (user + kernel, all threads).</summary>
    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static StageSeconds Stages(IndexReport report) => new(
        Math.Round(report.Stages.Read.TotalSeconds, 3),
        Math.Round(report.Stages.Chunk.TotalSeconds, 3),
        Math.Round(report.Stages.Embed.TotalSeconds, 3),
        Math.Round(report.Stages.Store.TotalSeconds, 3));

    public static async Task<ReindexResult> ReindexAsync(IServiceProvider services, double fullSeconds, CancellationToken cancellationToken)
    {
        var indexer = services.GetRequiredService<ICorpusIndexer>();
        var clock = Stopwatch.StartNew();
        var report = await indexer.IndexAsync(rebuild: false, progress: null, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        return new ReindexResult(Math.Round(seconds, 3), report.DocumentsSeen, report.DocumentsEmbedded, Math.Round(100 * seconds / fullSeconds, 2), Stages(report));
    }
}
