using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;
using QaBot.Core.Storage;

namespace QaBot.Cli.Bench;

/// <summary>
/// Query latency on an indexed corpus: the chunk collection's vector search alone (the floor: query vectors
/// made beforehand; vec0 KNN on SQLite, the HNSW index on PostgreSQL), hybrid retrieval, and a full offline answer. Each series is
/// warmed up first; the questions are the same for all three.
/// </summary>
internal static class QueryBenchmark
{
    private const int WarmUp = 10;

    public static IReadOnlyList<string> Questions(IReadOnlyList<ReutersArticle> articles, int count, int seed)
    {
        return ReutersCollection.Sample(articles, count, seed)
            .Select(a => $"What is the news about {a.Title.ToLowerInvariant()}?")
            .ToList();
    }

    public static async Task<(LatencySummary Knn, LatencySummary Retrieval, LatencySummary Answer, int Declined)> MeasureAsync(
        IServiceProvider services, IReadOnlyList<string> questions, CancellationToken cancellationToken)
    {
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var retriever = services.GetRequiredService<IRetriever>();
        var answering = services.GetRequiredService<IAnsweringService>();
        var retrieval = services.GetRequiredService<IOptions<RetrievalOptions>>().Value;
        var collection = services.GetRequiredService<VectorStoreCollection<string, ChunkRecord>>();

        var vectors = (await generator.GenerateAsync(questions, cancellationToken: cancellationToken)).Select(e => e.Vector.ToArray()).ToList();
        var knn = await KnnAsync(collection, vectors, retrieval.VectorCandidates, cancellationToken);

        var retrievalTimes = await TimeAsync(questions, q => retriever.RetrieveAsync(q, cancellationToken: cancellationToken));
        var answers = new List<Answer>(questions.Count);
        var answerTimes = await TimeAsync(questions, q => answering.AskAsync(q, [], cancellationToken), answers);
        return (LatencySummary.From(knn), LatencySummary.From(retrievalTimes), LatencySummary.From(answerTimes), answers.Count(a => a.Declined));
    }

    /// <summary>Times <paramref name="run"/> on every question after a warm-up; the timed results go to <paramref name="results"/>.</summary>
    private static async Task<List<double>> TimeAsync<T>(IReadOnlyList<string> questions, Func<string, Task<T>> run, List<T>? results = null)
    {
        foreach (var question in questions.Take(WarmUp))
        {
            await run(question);
        }

        var times = new List<double>(questions.Count);
        foreach (var question in questions)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await run(question);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            results?.Add(result);
        }

        return times;
    }

    private static async Task<List<double>> KnnAsync(
        VectorStoreCollection<string, ChunkRecord> collection, IReadOnlyList<float[]> vectors, int k, CancellationToken cancellationToken)
    {
        async Task RunAsync(float[] query)
        {
            await foreach (var _ in collection.SearchAsync(query, k, cancellationToken: cancellationToken))
            {
            }
        }

        foreach (var query in vectors.Take(WarmUp))
        {
            await RunAsync(query);
        }

        var times = new List<double>(vectors.Count);
        foreach (var query in vectors)
        {
            var start = Stopwatch.GetTimestamp();
            await RunAsync(query);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }
}
