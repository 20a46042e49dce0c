using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Bench.Results;
using QaBot.Core.Storage;

namespace QaBot.Cli.Bench;

/// <summary>
/// One benchmark run, in order: fetch Reuters, write the scratch corpora, full index of the whole corpus
/// (with memory figures), re-index unchanged, the floors, indexes of 1k and 10k documents, query latency at
/// each size, known-item recall, the bot under load; then bench/results.json and a Markdown table.
/// </summary>
internal static class BenchRunner
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<BenchResults> RunAsync(string root, BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        void Log(string message) => log.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");
        var loadAtStart = LoadAverage();
        var scratch = Path.Combine(root, "bench", "scratch");

        Log($"fetching {ReutersCollection.PackageName} into {scratch}");
        var data = await ReutersCollection.EnsureInstalledAsync(scratch, cancellationToken);
        var collection = await ReutersCollection.ReadAsync(data, cancellationToken);
        var all = settings.Docs is { } docs ? Math.Min(docs, collection.Count) : collection.Count;
        var sizes = BenchSettings.SmallerSizes.Where(s => s < all).Append(all).ToList();
        var articles = collection.Take(all).ToList();

        Log($"writing {all:N0} articles as text files (corpora of {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} docs)");
        foreach (var size in sizes)
        {
            await ReutersCollection.WriteCorpusAsync(collection, size, CorpusPath(scratch, size), cancellationToken);
        }

        // The GloVe model is loaded once (outside every timing) and shared by all containers.
        using var first = BenchHost.Create(root, CorpusPath(scratch, all), DatabasePath(scratch, all), null, settings.Verbose);
        var generator = first.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Log("loading the embedding model");
        await generator.GenerateAsync(["warm up the model"], cancellationToken: cancellationToken);
        var model = await EmbeddingModelInfo.FromGeneratorAsync(generator, cancellationToken);

        IndexingResult? indexing = null;
        ReindexResult? reindex = null;
        FloorsResult? floors = null;
        var allChunks = 0;
        if (settings.ReuseIndex && File.Exists(DatabasePath(scratch, all)))
        {
            Log("reusing the index of an earlier run (no indexing figures)");
            allChunks = (int)(await first.GetRequiredService<IIndexCatalog>().GetStatsAsync(cancellationToken)).Chunks;
        }
        else
        {
            Log($"full index of {all:N0} documents");
            BenchHost.DeleteDatabase(DatabasePath(scratch, all));
            (indexing, _) = await IndexBenchmark.FullIndexAsync(first, DatabasePath(scratch, all), cancellationToken);
            allChunks = indexing.Chunks;
            Log($"  {indexing.Seconds:0.0} s, {indexing.DocumentsPerSecond:0} docs/s, {indexing.ChunksPerSecond:0} chunks/s, peak {BenchMarkdown.Mib(indexing.PeakWorkingSetBytes)}");

            Log("re-index of the unchanged corpus");
            reindex = await IndexBenchmark.ReindexAsync(first, indexing.Seconds, cancellationToken);
            Log($"  {reindex.Seconds:0.00} s, {reindex.DocumentsReEmbedded} re-embedded");

            Log("floors: embedder alone, then bulk insert alone");
            var floorDb = Path.Combine(scratch, "db", "floor.db");
            BenchHost.DeleteDatabase(floorDb);
            using (var empty = BenchHost.Create(root, CorpusPath(scratch, all), floorDb, generator, settings.Verbose))
            {
                floors = await FloorBenchmark.MeasureAsync(first, empty, indexing.Seconds, indexing.CpuSeconds, cancellationToken);
            }

            BenchHost.DeleteDatabase(floorDb);
            Log($"  embed {floors.EmbedSeconds:0.0} s, insert {floors.InsertSeconds:0.0} s; full index = {floors.FullIndexOverFloors:0.00}× their sum");
        }

        var queries = new List<QueryLatencyResult>();
        foreach (var size in sizes)
        {
            var questions = QueryBenchmark.Questions(articles.Take(size).ToList(), settings.Queries, settings.Seed + size);
            if (size == all)
            {
                queries.Add(await MeasureQueriesAsync(first, size, allChunks, indexing?.Seconds ?? 0, questions, Log, cancellationToken));
                continue;
            }

            using var services = BenchHost.Create(root, CorpusPath(scratch, size), DatabasePath(scratch, size), generator, settings.Verbose);
            if (settings.ReuseIndex && File.Exists(DatabasePath(scratch, size)))
            {
                var chunks = (int)(await services.GetRequiredService<IIndexCatalog>().GetStatsAsync(cancellationToken)).Chunks;
                queries.Add(await MeasureQueriesAsync(services, size, chunks, 0, questions, Log, cancellationToken));
                continue;
            }

            Log($"index of {size:N0} documents");
            BenchHost.DeleteDatabase(DatabasePath(scratch, size));
            var (small, _) = await IndexBenchmark.FullIndexAsync(services, DatabasePath(scratch, size), cancellationToken);
            queries.Add(await MeasureQueriesAsync(services, size, small.Chunks, small.Seconds, questions, Log, cancellationToken));
        }

        RecallResult? recall = null;
        if (!settings.SkipRecall)
        {
            var sample = ReutersCollection.Sample(articles, settings.RecallSample, settings.Seed);
            Log($"known-item recall over {sample.Count} titles");
            recall = await RecallBenchmark.MeasureAsync(first, sample, RecallBenchmark.TitleGroups(articles), settings.Seed, cancellationToken);
            Log($"  recall@10 vector {recall.Vector.RecallAtK:0.000}, BM25 {recall.Keyword.RecallAtK:0.000}, hybrid {recall.Hybrid.RecallAtK:0.000}");
        }

        PostgresResult? postgres = null;
        if (settings.Provider == "postgres")
        {
            postgres = await MeasurePostgresAsync(root, scratch, all, articles, settings, generator, Log, cancellationToken);
        }

        LoadResult load;
        if (settings.SkipLoad)
        {
            load = LoadResult.NotRun("skipped", "--skip-load", settings.Clients);
        }
        else
        {
            var questions = QueryBenchmark.Questions(articles, Math.Max(50, settings.Queries), settings.Seed + 1);

            // Close this process's pooled connections so the bot's proportional memory (Pss) carries the whole
            // memory-mapped database rather than sharing it with the benchmark.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            load = await BotLoadBenchmark.RunAsync(
                root, Path.GetFullPath(Path.Combine(root, settings.BotProject)), DatabasePath(scratch, all), CorpusPath(scratch, all), questions, settings.Clients, settings.LoadDuration, Log, cancellationToken);
            Log(load.Status == "done"
                ? $"  {load.RequestsPerSecond:0.0} req/s, p95 {load.Latency!.P95:0} ms, {load.Errors} errors, bot peak {BenchMarkdown.Mib(load.BotPeakWorkingSetBytes)}"
                : $"  load {load.Status}: {load.Note}");
        }

        var results = new BenchResults(
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            settings.CommandLine,
            new MachineInfo(Environment.ProcessorCount, loadAtStart, LoadAverage(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, await CommitAsync(root)),
            new CorpusInfo($"npm {ReutersCollection.PackageName}@{ReutersCollection.PackageVersion}", collection.Count, all, articles.Count(a => a.HasTitleAndBody), $"{model.ModelId} ({model.Dimensions} dimensions)"),
            indexing,
            reindex,
            floors,
            queries,
            recall,
            load,
            [],
            0,
            postgres);
        results = results with { Targets = BenchTargets.Check(results, collection.Count), TotalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1) };

        var output = Path.GetFullPath(Path.Combine(root, settings.Output));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(results, JsonOptions) + Environment.NewLine, cancellationToken);
        Log($"wrote {output} ({total.Elapsed.TotalMinutes:0.0} min in all)");
        return results;
    }

    private static async Task<QueryLatencyResult> MeasureQueriesAsync(
        IServiceProvider services, int size, int chunks, double indexSeconds, IReadOnlyList<string> questions, Action<string> log, CancellationToken cancellationToken)
    {
        log($"query latency at {size:N0} documents ({questions.Count} questions)");
        var (knn, retrieval, answer, declined) = await QueryBenchmark.MeasureAsync(services, questions, cancellationToken);
        log($"  p95: KNN {knn.P95:0.0} ms, retrieval {retrieval.P95:0.0} ms, answer {answer.P95:0.0} ms");
        return new QueryLatencyResult(size, chunks, indexSeconds, questions.Count, knn, retrieval, answer, declined);
    }

    /// <summary>
    /// The same corpus on the PostgreSQL engine (QaBot:Storage:ConnectionString from the environment, schema
    /// <c>qabot_bench</c>): a full index, query latency with the same questions as SQLite at this size, and
    /// known-item recall with the same sample.
    /// </summary>
    private static async Task<PostgresResult> MeasurePostgresAsync(
        string root, string scratch, int all, IReadOnlyList<ReutersArticle> articles, BenchSettings settings,
        IEmbeddingGenerator<string, Embedding<float>> generator, Action<string> log, CancellationToken cancellationToken)
    {
        var storage = new Dictionary<string, string?> { ["QaBot:Storage:Provider"] = "Postgres", ["QaBot:Storage:Schema"] = "qabot_bench" };
        using var services = BenchHost.Create(root, CorpusPath(scratch, all), DatabasePath(scratch, all), generator, settings.Verbose, storage);
        var catalog = services.GetRequiredService<IIndexCatalog>();
        log($"PostgreSQL ({catalog.Location}): full index of {all:N0} documents");
        var (indexing, _) = await IndexBenchmark.FullIndexAsync(services, DatabasePath(scratch, all), cancellationToken);
        indexing = indexing with { DatabaseBytes = (await catalog.GetStatsAsync(cancellationToken)).DatabaseBytes };
        log($"  {indexing.Seconds:0.0} s, {indexing.DocumentsPerSecond:0} docs/s, {indexing.ChunksPerSecond:0} chunks/s");

        var questions = QueryBenchmark.Questions(articles, settings.Queries, settings.Seed + all);
        var queries = await MeasureQueriesAsync(services, all, indexing.Chunks, indexing.Seconds, questions, log, cancellationToken);

        RecallResult? recall = null;
        if (!settings.SkipRecall)
        {
            var sample = ReutersCollection.Sample(articles, settings.RecallSample, settings.Seed);
            log($"PostgreSQL: known-item recall over {sample.Count} titles");
            recall = await RecallBenchmark.MeasureAsync(services, sample, RecallBenchmark.TitleGroups(articles), settings.Seed, cancellationToken);
            log($"  recall@10 vector {recall.Vector.RecallAtK:0.000}, BM25 {recall.Keyword.RecallAtK:0.000}, hybrid {recall.Hybrid.RecallAtK:0.000}");
        }

        return new PostgresResult(catalog.Location, indexing, queries, recall);
    }

    private static string CorpusPath(string scratch, int size) => Path.Combine(scratch, "corpus", size.ToString(CultureInfo.InvariantCulture));

    private static string DatabasePath(string scratch, int size) => Path.Combine(scratch, "db", $"reuters-{size.ToString(CultureInfo.InvariantCulture)}.db");

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static async Task<string?> CommitAsync(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["rev-parse", "--short", "HEAD"])
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
