using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Cli.Bench.Results;
using QaBot.Core.Configuration;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Storage;

namespace QaBot.Cli.Bench;

/// <summary>
/// The floors of a full index, each measured alone: the embedder over the same chunk texts (same batch
/// size, no storage), then a bulk insert of the same rows into a fresh index through the storage port —
/// every chunk upserted into the collection and every catalog row written in one write batch (one
/// transaction), with no look-up of earlier chunks.
/// </summary>
internal static class FloorBenchmark
{
    public static async Task<FloorsResult> MeasureAsync(
        IServiceProvider indexed, IServiceProvider empty, double fullIndexSeconds, double fullIndexCpuSeconds, CancellationToken cancellationToken)
    {
        // The same documents and chunks the indexer saw (read and chunked outside the timings).
        var corpus = indexed.GetRequiredService<IOptions<CorpusOptions>>().Value;
        var root = indexed.GetRequiredService<QaBotRoot>();
        var loaded = await indexed.GetRequiredService<ICorpusLoader>().LoadAsync(root.Resolve(corpus.Path), cancellationToken);
        var chunker = indexed.GetRequiredService<ITextChunker>();
        var documents = loaded.Documents.Select(d => (Document: d, Chunks: chunker.Chunk(d))).ToList();
        var texts = documents.SelectMany(d => d.Chunks).Select(c => c.EmbeddingText).ToList(); // what the indexer embeds

        var generator = indexed.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var batchSize = Math.Max(1, indexed.GetRequiredService<IOptions<EmbeddingOptions>>().Value.BatchSize);
        var vectors = new List<ReadOnlyMemory<float>>(texts.Count);
        var embedCpu = IndexBenchmark.CpuTime();
        var embedClock = Stopwatch.StartNew();
        foreach (var slice in texts.Chunk(batchSize))
        {
            var embeddings = await generator.GenerateAsync(slice, cancellationToken: cancellationToken);
            vectors.AddRange(embeddings.Select(e => e.Vector));
        }

        var embedSeconds = embedClock.Elapsed.TotalSeconds;
        var embedCpuSeconds = (IndexBenchmark.CpuTime() - embedCpu).TotalSeconds;

        var store = empty.GetRequiredService<IIndexCatalog>();
        var model = await EmbeddingModelInfo.FromGeneratorAsync(generator, cancellationToken);
        await store.ResetAsync(model, cancellationToken);
        var insertCpu = IndexBenchmark.CpuTime();
        var insertSeconds = await BulkInsertAsync(store, documents, vectors, cancellationToken);

        var insertCpuSeconds = (IndexBenchmark.CpuTime() - insertCpu).TotalSeconds;

        // Not a floor: the indexer's own store path on the same rows, alone (nothing embeds beside it).
        await store.ResetAsync(model, cancellationToken);
        var storeAloneSeconds = await StoreAloneAsync(store, documents, vectors, cancellationToken);
        var sum = embedSeconds + insertSeconds;
        return new FloorsResult(
            texts.Count,
            Math.Round(embedSeconds, 3),
            Math.Round(texts.Count / embedSeconds, 1),
            Math.Round(insertSeconds, 3),
            Math.Round(texts.Count / insertSeconds, 1),
            Math.Round(sum, 3),
            Math.Round(fullIndexSeconds / sum, 3),
            Math.Round(embedCpuSeconds, 3),
            Math.Round(insertCpuSeconds, 3),
            Math.Round(fullIndexCpuSeconds / (embedCpuSeconds + insertCpuSeconds), 3),
            Math.Round(storeAloneSeconds, 3));
    }

    /// <summary>
    /// <see cref="IndexWriter.ReplaceDocumentsAsync"/> over the same documents in transactions of about
    /// the size the indexer writes when the store is the bottleneck (<see cref="CorpusIndexer.MaxChunksPerTransaction"/>).
    /// </summary>
    private static async Task<double> StoreAloneAsync(
        IIndexCatalog store,
        IReadOnlyList<(SourceDocument Document, IReadOnlyList<TextChunk> Chunks)> documents,
        IReadOnlyList<ReadOnlyMemory<float>> vectors,
        CancellationToken cancellationToken)
    {
        var batches = new List<List<IndexedDocument>>();
        var batch = new List<IndexedDocument>();
        int next = 0, chunks = 0;
        foreach (var (document, documentChunks) in documents)
        {
            batch.Add(new IndexedDocument(document, documentChunks.Select(c => ChunkRecord.FromChunk(c, vectors[next++])).ToList()));
            chunks += documentChunks.Count;
            if (chunks >= CorpusIndexer.MaxChunksPerTransaction)
            {
                batches.Add(batch);
                batch = [];
                chunks = 0;
            }
        }

        batches.Add(batch);
        var clock = Stopwatch.StartNew();
        foreach (var each in batches)
        {
            await IndexWriter.ReplaceDocumentsAsync(store, each, cancellationToken);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> BulkInsertAsync(
        IIndexCatalog catalog,
        IReadOnlyList<(SourceDocument Document, IReadOnlyList<TextChunk> Chunks)> documents,
        IReadOnlyList<ReadOnlyMemory<float>> vectors,
        CancellationToken cancellationToken)
    {
        var records = new List<ChunkRecord>(vectors.Count);
        var next = 0;
        foreach (var (_, chunks) in documents)
        {
            records.AddRange(chunks.Select(c => ChunkRecord.FromChunk(c, vectors[next++])));
        }

        var clock = Stopwatch.StartNew();
        await using var batch = await catalog.BeginWriteAsync(cancellationToken);
        await batch.Chunks.UpsertAsync(records, cancellationToken);
        foreach (var (document, _) in documents)
        {
            await batch.PutDocumentAsync(document, cancellationToken);
        }

        await batch.CommitAsync(cancellationToken);
        return clock.Elapsed.TotalSeconds;
    }
}
