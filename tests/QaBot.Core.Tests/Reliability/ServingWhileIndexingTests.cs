using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Core.Answering;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;
using Xunit.Abstractions;

namespace QaBot.Core.Tests.Reliability;

/// <summary>
/// Issue 7, point 5: while the indexer rewrites every document again and again (small batches, one
/// transaction each), readers on other connections — raw snapshots of the catalog and chunks, and
/// the answering service — never fail and never see a half-written document, and no answer draws on
/// two versions of one document (retrieval reads its vector and keyword lists in one snapshot).
/// </summary>
public sealed class ServingWhileIndexingTests(ITestOutputHelper output) : IDisposable
{
    private const int Documents = 40;

    /// <summary>Wide enough that hashed words rarely collide, so retrieval finds the right town.</summary>
    private const int Dimensions = 256;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(15);

    private readonly TempStorage _storage = new();
    private readonly InMemoryCorpusLoader _loader = new();

    public void Dispose() => _storage.Dispose();

    /// <summary>
    /// Edition <paramref name="edition"/> of document <paramref name="document"/>: 3 lines in even
    /// editions, 5 in odd ones (so a mix of two editions shows in the chunk count), every line naming
    /// the edition.
    /// </summary>
    public static string Text(int document, int edition)
    {
        var lines = edition % 2 == 0 ? 3 : 5;
        var text = new StringBuilder();
        for (var line = 0; line < lines; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Report edition{edition} line{line}: the harbour of {Town(document)} handled {100 + edition} ships.\n");
        }

        return text.ToString();
    }

    /// <summary>A made-up town name that only document <paramref name="document"/> mentions.</summary>
    public static string Town(int document)
    {
        string[] syllables = ["ka", "lo", "mi", "ra", "te", "vu", "no", "si", "be", "du"];
        return "Vel" + syllables[document / 10 % 10] + syllables[document % 10] + "stad";
    }

    [Fact]
    public async Task ReadersDuringRepeatedReindexingNeverFailAndNeverSeeAHalfWrittenDocument()
    {
        var editionsByHash = new ConcurrentDictionary<string, (string Document, int Edition)>(StringComparer.Ordinal);
        void Publish(int edition)
        {
            for (var d = 0; d < Documents; d++)
            {
                var text = Text(d, edition);
                editionsByHash[Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))] = ($"port{d:00}", edition);
                _loader.Files[$"port{d:00}"] = text;
            }
        }

        await using var services = CreateServices();
        var indexer = services.GetRequiredService<ICorpusIndexer>();
        var answering = services.GetRequiredService<IAnsweringService>();
        Publish(0);
        await indexer.IndexAsync();

        using var stop = new CancellationTokenSource();
        var snapshots = new SnapshotCounts();
        var answers = 0;
        var mixedAnswers = 0;
        var errors = new ConcurrentQueue<string>();

        var snapshotReaders = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    CheckSnapshot(await ReadSnapshotAsync(), editionsByHash, snapshots, errors);
                    await Task.Delay(2);
                }
                catch (Exception ex)
                {
                    errors.Enqueue($"snapshot reader: {ex}");
                }
            }
        })).ToList();

        var answerReader = Task.Run(async () =>
        {
            var random = new Random(5);
            while (!stop.IsCancellationRequested)
            {
                var d = random.Next(Documents);
                try
                {
                    var answer = await answering.AskAsync($"How many ships did the harbour of {Town(d)} handle?", []);
                    foreach (var passage in answer.Retrieved)
                    {
                        // Every passage is a whole line of one committed edition of its document.
                        var edition = EditionOf(passage.Chunk.Text);
                        var document = int.Parse(passage.Chunk.DocumentId.AsSpan(4), CultureInfo.InvariantCulture);
                        if (edition is null || !Text(document, edition.Value).Split('\n').Contains(passage.Chunk.Text))
                        {
                            errors.Enqueue($"answer passage {passage.Chunk.ChunkId} is not a line of any edition: '{passage.Chunk.Text}'");
                        }
                    }

                    if (answer.Retrieved.GroupBy(r => r.Chunk.DocumentId).Any(g => g.Select(r => EditionOf(r.Chunk.Text)).Distinct().Count() > 1))
                    {
                        Interlocked.Increment(ref mixedAnswers);
                    }

                    if (answer.Declined || !answer.Citations.Any(c => c.DocumentId == $"port{d:00}"))
                    {
                        errors.Enqueue($"no cited answer for port{d:00}: {answer.Text}");
                    }

                    Interlocked.Increment(ref answers);
                }
                catch (Exception ex)
                {
                    errors.Enqueue($"answering: {ex}");
                }
            }
        });

        // The writer: re-index every document into the next edition, round after round.
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < MaxDuration && errors.IsEmpty && (rounds < 10 || snapshots.MidRun < 20))
        {
            Publish(++rounds);
            var report = await indexer.IndexAsync();
            Assert.Equal(Documents, report.DocumentsEmbedded);
        }

        await stop.CancelAsync();
        await Task.WhenAll([.. snapshotReaders, answerReader]);

        output.WriteLine($"{rounds} re-index rounds in {clock.Elapsed.TotalSeconds:0.0} s; {snapshots.Total} snapshots checked ({snapshots.MidRun} mid-run, with documents of different editions); {answers} answers, {mixedAnswers} mixing two editions of one document");
        Assert.True(errors.IsEmpty, string.Join('\n', errors.Take(10)));
        Assert.True(rounds >= 3, $"only {rounds} rounds ran");
        Assert.True(snapshots.MidRun > 0, "no reader snapshot fell in the middle of a re-index, so the test proved nothing");
        Assert.True(answers > 0, "the answering service never answered during the re-index");
        Assert.True(mixedAnswers == 0, $"{mixedAnswers} answers had passages from two editions of one document");
        await _storage.AssertConsistentAsync();
    }

    private static int? EditionOf(string text)
    {
        var at = text.IndexOf(" edition", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = text.IndexOf(' ', at + 1);
        return int.TryParse(text.AsSpan(at + 8, end - at - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var edition) ? edition : null;
    }

    private static void CheckSnapshot(
        Snapshot snapshot,
        ConcurrentDictionary<string, (string Document, int Edition)> editionsByHash,
        SnapshotCounts counts,
        ConcurrentQueue<string> errors)
    {
        if (snapshot.Hashes.Count != Documents)
        {
            errors.Enqueue($"the snapshot lists {snapshot.Hashes.Count} documents, not {Documents}");
        }

        var editions = new HashSet<int>();
        foreach (var (id, hash) in snapshot.Hashes)
        {
            // The catalog stores "content hash/chunker signature".
            var contentHash = hash.Split('/')[0];
            if (!editionsByHash.TryGetValue(contentHash, out var known) || known.Document != id)
            {
                errors.Enqueue($"{id} has a hash of no published edition");
                continue;
            }

            editions.Add(known.Edition);
            var document = int.Parse(id.AsSpan(4), CultureInfo.InvariantCulture);
            var expected = Text(document, known.Edition).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var chunks = snapshot.Chunks.TryGetValue(id, out var list) ? list : [];
            if (!chunks.SequenceEqual(expected))
            {
                errors.Enqueue($"{id}: the catalog says edition {known.Edition} ({expected.Length} chunks) but the snapshot has {chunks.Count} chunks: {string.Join(" | ", chunks)}");
            }
        }

        foreach (var id in snapshot.Chunks.Keys.Where(id => !snapshot.Hashes.ContainsKey(id)))
        {
            errors.Enqueue($"chunks of {id}, which the catalog does not list");
        }

        foreach (var (index, rows) in new[] { ("vec0 table", snapshot.VectorRows), ("vec0 KNN", snapshot.NearestRows), ("FTS5", snapshot.KeywordRows) })
        {
            if (!rows.SetEquals(snapshot.ChunkRows))
            {
                errors.Enqueue(
                    $"{index} disagrees with the chunk table in one snapshot ({(editions.Count > 1 ? "mid-run" : "between runs")}): "
                    + $"{snapshot.ChunkRows.Except(rows).Count()} chunk rows missing (e.g. {string.Join(",", snapshot.ChunkRows.Except(rows).Take(5))}), "
                    + $"{rows.Except(snapshot.ChunkRows).Count()} extra (e.g. {string.Join(",", rows.Except(snapshot.ChunkRows).Take(5))}); {snapshot.ChunkRows.Count} rows");
            }
        }

        counts.Add(midRun: editions.Count > 1);
    }

    /// <summary>The catalog and every chunk, read in one read transaction (one WAL snapshot).</summary>
    private async Task<Snapshot> ReadSnapshotAsync()
    {
        await using var connection = await _storage.Connections.OpenAsync();
        await using var transaction = connection.BeginTransaction(deferred: true);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT id, content_hash FROM documents;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                hashes[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var chunks = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT document_id, text FROM \"{_storage.CollectionName}\" ORDER BY document_id, ordinal;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var id = reader.GetString(0);
                if (!chunks.TryGetValue(id, out var list))
                {
                    chunks[id] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        // The same snapshot through each index: every chunk row, every vector, every vector KNN can
        // reach (all lines mention the harbour, so k = all rows returns them all) and every FTS5 entry.
        var rows = await RowidsAsync(connection, transaction, $"SELECT rowid FROM \"{_storage.CollectionName}\";");
        var vectors = await RowidsAsync(connection, transaction, $"SELECT rowid FROM \"{_storage.CollectionName}_vec\";");
        var knn = await RowidsAsync(
            connection, transaction, $"SELECT rowid FROM \"{_storage.CollectionName}_vec\" WHERE embedding MATCH $vector AND k = 4096;", HashedBagOfWords.Embed("harbour ships", Dimensions));
        var keywords = await RowidsAsync(
            connection, transaction, $"SELECT rowid FROM \"{_storage.CollectionName}_fts\" WHERE \"{_storage.CollectionName}_fts\" MATCH 'harbour';");
        await transaction.CommitAsync();
        return new Snapshot(hashes, chunks, rows, vectors, knn, keywords);
    }

    private static async Task<SortedSet<long>> RowidsAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, float[]? vector = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (vector is not null)
        {
            var blob = new byte[vector.Length * sizeof(float)];
            Buffer.BlockCopy(vector, 0, blob, 0, blob.Length);
            command.Parameters.AddWithValue("$vector", blob);
        }

        var rowids = new SortedSet<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rowids.Add(reader.GetInt64(0));
        }

        return rowids;
    }

    /// <summary>The real composition (indexer, store, retrieval, answering) over the temp database, with test loader, chunker and embeddings.</summary>
    private ServiceProvider CreateServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QaBot:Root"] = _storage.RootPath,
            ["QaBot:Corpus:Path"] = _storage.RootPath,
            ["QaBot:Storage:DatabasePath"] = _storage.Connections.DatabasePath,
            ["QaBot:Embeddings:BatchSize"] = "4",
            // Every answer is given: the test checks that the best sentence comes from the asked document
            // and one edition, not when the answer model declines (its confidence moves a little as the term
            // statistics change between editions).
            ["QaBot:Answering:DeclineThreshold"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICorpusLoader>(_loader);
        services.AddSingleton<ITextChunker, ParagraphChunker>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator(Dimensions));
        services.AddQaBotCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private sealed record Snapshot(
        Dictionary<string, string> Hashes,
        Dictionary<string, List<string>> Chunks,
        SortedSet<long> ChunkRows,
        SortedSet<long> VectorRows,
        SortedSet<long> NearestRows,
        SortedSet<long> KeywordRows);

    private sealed class SnapshotCounts
    {
        private int _total;
        private int _midRun;

        public int Total => Volatile.Read(ref _total);

        public int MidRun => Volatile.Read(ref _midRun);

        public void Add(bool midRun)
        {
            Interlocked.Increment(ref _total);
            if (midRun)
            {
                Interlocked.Increment(ref _midRun);
            }
        }
    }
}
