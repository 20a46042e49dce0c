using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
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
/// size, no storage), then a bulk insert of the same rows into a fresh database of the same schema —
/// catalog row, chunk row (FTS5 by trigger) and vec0 vector — in one transaction with prepared commands.
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

        var store = empty.GetRequiredService<IIndexStore>();
        var model = await EmbeddingModelInfo.FromGeneratorAsync(generator, cancellationToken);
        await store.ResetAsync(model, cancellationToken);
        var collection = empty.GetRequiredService<IOptions<StorageOptions>>().Value.CollectionName;
        var insertCpu = IndexBenchmark.CpuTime();
        var insertSeconds = await BulkInsertAsync(empty.GetRequiredService<SqliteConnectionFactory>(), collection, documents, vectors, cancellationToken);

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
    /// <see cref="IIndexStore.ReplaceDocumentsAsync"/> over the same documents in transactions of about
    /// the size the indexer writes when the store is the bottleneck (<see cref="CorpusIndexer.MaxChunksPerTransaction"/>).
    /// </summary>
    private static async Task<double> StoreAloneAsync(
        IIndexStore store,
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
            await store.ReplaceDocumentsAsync(each, cancellationToken);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> BulkInsertAsync(
        SqliteConnectionFactory connections,
        string collection,
        IReadOnlyList<(SourceDocument Document, IReadOnlyList<TextChunk> Chunks)> documents,
        IReadOnlyList<ReadOnlyMemory<float>> vectors,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insertDocument = Command(connection, transaction, """
            INSERT INTO "documents" (id, title, published_date, source_path, content_hash, text, indexed_at)
            VALUES ($id, $title, $published_date, $source_path, $content_hash, $text, $indexed_at);
            """, "$id", "$title", "$published_date", "$source_path", "$content_hash", "$text", "$indexed_at");
        await using var insertChunk = Command(connection, transaction, $"""
            INSERT INTO "{collection}" (chunk_id, document_id, title, published_date, ordinal, start_offset, end_offset, text)
            VALUES ($chunk_id, $document_id, $title, $published_date, $ordinal, $start_offset, $end_offset, $text)
            RETURNING rowid;
            """, "$chunk_id", "$document_id", "$title", "$published_date", "$ordinal", "$start_offset", "$end_offset", "$text");
        await using var insertVector = Command(connection, transaction, $"""
            INSERT INTO "{collection}_vec" (rowid, embedding) VALUES ($rowid, $embedding);
            """, "$rowid", "$embedding");

        var indexedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var next = 0;
        foreach (var (document, chunks) in documents)
        {
            var date = (object?)document.PublishedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value;
            foreach (var chunk in chunks)
            {
                insertChunk.Parameters[0].Value = chunk.ChunkId;
                insertChunk.Parameters[1].Value = chunk.DocumentId;
                insertChunk.Parameters[2].Value = chunk.Title;
                insertChunk.Parameters[3].Value = date;
                insertChunk.Parameters[4].Value = chunk.Ordinal;
                insertChunk.Parameters[5].Value = chunk.Start;
                insertChunk.Parameters[6].Value = chunk.End;
                insertChunk.Parameters[7].Value = chunk.Text;
                var rowid = (long)(await insertChunk.ExecuteScalarAsync(cancellationToken))!;
                insertVector.Parameters[0].Value = rowid;
                insertVector.Parameters[1].Value = System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[next++].Span).ToArray();
                await insertVector.ExecuteNonQueryAsync(cancellationToken);
            }

            insertDocument.Parameters[0].Value = document.Id;
            insertDocument.Parameters[1].Value = document.Title;
            insertDocument.Parameters[2].Value = date;
            insertDocument.Parameters[3].Value = document.SourcePath;
            insertDocument.Parameters[4].Value = document.ContentHash;
            insertDocument.Parameters[5].Value = document.Text;
            insertDocument.Parameters[6].Value = indexedAt;
            await insertDocument.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return clock.Elapsed.TotalSeconds;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }
}
