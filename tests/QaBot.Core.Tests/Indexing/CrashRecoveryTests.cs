using System.Collections;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Indexing;

/// <summary>
/// What a killed process leaves behind is the database file and its WAL as they are on disk at that
/// moment. These tests pause a write in the middle of its transaction, copy those files (a "crash
/// image"), and check that the copy opens, answers from the documents committed before, and that a
/// re-run converges to exactly the chunks of a clean index.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Dimensions = 16;
    // A 1 MiB page cache: the large document's transaction spills uncommitted pages into the WAL.
    private readonly TempStorage _storage = new(cacheKibibytes: 1024);
    private readonly TempStorage _crashImage = new();
    private readonly InMemoryCorpusLoader _loader = new();
    private readonly ParagraphChunker _chunker = new();

    public CrashRecoveryTests()
    {
        for (var i = 0; i < 6; i++)
        {
            _loader.Files[$"small{i}"] = $"Headline {i}\nA sentence about cocoa exports number {i}.\nAnother about wheat {i}.";
        }

        // Large enough (about 2 MB) that with a 1 MiB page cache SQLite spills uncommitted pages into the WAL before commit.
        var random = new Random(5);
        _loader.Files["large"] = "Large headline\n" + string.Join('\n', Enumerable.Range(0, 1500).Select(i =>
            $"Line {i} " + string.Join(' ', Enumerable.Range(0, 150).Select(_ => "word" + random.Next(20_000)))));
    }

    public void Dispose()
    {
        _storage.Dispose();
        _crashImage.Dispose();
    }

    [Fact]
    public async Task ADatabaseCopiedMidTransactionOpensWithTheCommittedDocumentsAndAReRunConverges()
    {
        var documents = (await _loader.LoadAsync("corpus")).Documents;
        var store = _storage.CreateStore();
        await store.InitializeAsync(new EmbeddingModelInfo("test-hash/hashed-bow-v1", Dimensions));
        await IndexWriter.ReplaceDocumentsAsync(store, documents.Where(d => d.Id.StartsWith("small", StringComparison.Ordinal)).Select(Embed).ToList());
        var walAfterCommit = new FileInfo(_storage.Connections.DatabasePath + "-wal").Length;

        var large = Embed(documents.Single(d => d.Id == "large"));
        var pausing = new IndexedDocument(large.Document, new CallbackAfterList<ChunkRecord>(large.Chunks, index: 1200, TakeCrashImage));
        await IndexWriter.ReplaceDocumentsAsync(store, [pausing]);

        var image = _crashImage.CreateStore();
        Assert.True(new FileInfo(_crashImage.Connections.DatabasePath + "-wal").Length > walAfterCommit, "the crash image should hold uncommitted WAL frames");
        Assert.Equal(6, (await image.GetDocumentHashesAsync()).Count);
        Assert.Null(await image.GetDocumentAsync("large"));
        Assert.Equal((18L, 18L, 18L), await _crashImage.CountRowsAsync());
        await _crashImage.AssertConsistentAsync();
        var hits = await _crashImage.CreateCollection(Dimensions).KeywordSearchAsync("cocoa exports", 3);
        Assert.Equal(3, hits.Count);

        var report = await CreateIndexer(_crashImage).IndexAsync();

        Assert.Equal(1, report.DocumentsEmbedded);
        using var clean = new TempStorage();
        await CreateIndexer(clean).IndexAsync();
        Assert.Equal(await clean.CountRowsAsync(), await _crashImage.CountRowsAsync());
        Assert.Equal(await clean.ChunkFingerprintsAsync(Dimensions), await _crashImage.ChunkFingerprintsAsync(Dimensions));
        await _crashImage.AssertConsistentAsync();
    }

    private void TakeCrashImage()
    {
        var target = Path.GetDirectoryName(_crashImage.Connections.DatabasePath)!;
        Directory.CreateDirectory(target);
        File.Copy(_storage.Connections.DatabasePath, _crashImage.Connections.DatabasePath);
        File.Copy(_storage.Connections.DatabasePath + "-wal", _crashImage.Connections.DatabasePath + "-wal");
        // No -shm: as after a reboot, SQLite rebuilds the WAL index from the WAL file itself.
    }

    /// <summary>The document as the indexer writes it (its catalog hash includes the chunker's signature).</summary>
    private IndexedDocument Embed(SourceDocument document) => new(
        document with { ContentHash = CorpusIndexer.IndexedHash(document, _chunker.Signature) },
        _chunker.Chunk(document).Select(c => ChunkRecord.FromChunk(c, HashedBagOfWords.Embed(c.EmbeddingText, Dimensions))).ToList());

    private CorpusIndexer CreateIndexer(TempStorage storage) => storage.CreateIndexer(_loader, _chunker, new HashingEmbeddingGenerator(Dimensions), batchSize: 64);

    /// <summary>
    /// A list that runs a callback when its item at <paramref name="index"/> is reached on the second
    /// enumeration (the store checks the chunks once before its transaction, then writes them).
    /// </summary>
    private sealed class CallbackAfterList<T>(IReadOnlyList<T> items, int index, Action callback) : IReadOnlyList<T>
    {
        private int _enumerations;

        public int Count => items.Count;

        public T this[int i] => items[i];

        public IEnumerator<T> GetEnumerator()
        {
            var enumeration = ++_enumerations;
            for (var i = 0; i < items.Count; i++)
            {
                if (i == index && enumeration == 2)
                {
                    callback();
                }

                yield return items[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
