using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Indexing;

/// <summary>The indexer writing through the storage port, on every engine.</summary>
public abstract class CorpusIndexerTests : EngineTests
{
    private readonly StorageEngine _storage;
    private readonly InMemoryCorpusLoader _loader = new();
    private readonly HashingEmbeddingGenerator _generator = new(dimensions: 16);

    protected CorpusIndexerTests(StorageEngine engine)
        : base(engine)
    {
        _storage = engine;
        for (var i = 0; i < 12; i++)
        {
            _loader.Files[$"doc{i:00}"] = $"Headline {i}\nFirst sentence of article {i} about wheat.\nSecond sentence {i} about oil prices.";
        }
    }

    [Fact]
    public async Task AFirstRunIndexesEveryDocument()
    {
        var progress = new List<IndexProgress>();
        var report = await CreateIndexer().IndexAsync(progress: new SynchronousProgress<IndexProgress>(progress.Add));

        Assert.Equal(12, report.DocumentsSeen);
        Assert.Equal(12, report.DocumentsEmbedded);
        Assert.Equal(36, report.ChunksWritten);
        Assert.Equal((36L, 36L, 36L), await _storage.CountRowsAsync());
        Assert.Equal(36, _generator.TextsEmbedded);
        Assert.Equal(new IndexProgress(12, 12, "doc11"), progress[^1]);
        Assert.True(report.Stages.Embed > TimeSpan.Zero && report.Stages.Store > TimeSpan.Zero);
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task ReindexOfAnUnchangedCorpusEmbedsNothing()
    {
        await CreateIndexer().IndexAsync();
        var callsAfterFirstRun = _generator.Calls;

        var report = await CreateIndexer().IndexAsync();

        Assert.Equal(0, report.DocumentsEmbedded);
        Assert.Equal(12, report.DocumentsUnchanged);
        Assert.Equal(0, report.ChunksWritten);
        Assert.Equal(callsAfterFirstRun, _generator.Calls);
        Assert.False(await CreateIndexer().IsStaleAsync());
    }

    [Fact]
    public async Task AChangeInChunkingReindexesEveryDocument()
    {
        await CreateIndexer().IndexAsync();
        var otherChunking = new ParagraphChunker { Signature = "paragraphs-v2" };

        Assert.True(await CreateIndexer(chunker: otherChunking).IsStaleAsync());
        var report = await CreateIndexer(chunker: otherChunking).IndexAsync();

        Assert.Equal((12, 0), (report.DocumentsEmbedded, report.DocumentsUnchanged));
        Assert.Equal((36L, 36L, 36L), await _storage.CountRowsAsync());
        Assert.False(await CreateIndexer(chunker: otherChunking).IsStaleAsync());
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task AChangedFileIsRechunkedAndReplaced()
    {
        await CreateIndexer().IndexAsync();
        _loader.Files["doc03"] = "Headline 3\nA completely new text about cocoa.";
        Assert.True(await CreateIndexer().IsStaleAsync());

        var report = await CreateIndexer().IndexAsync();

        Assert.Equal(1, report.DocumentsEmbedded);
        Assert.Equal(2, report.ChunksWritten);
        var store = _storage.CreateCatalog();
        Assert.Equal(["doc03#0", "doc03#1"], (await _storage.CreateCollection(16).DocumentChunksAsync("doc03")).Select(c => c.ChunkId));
        Assert.Equal((35L, 35L, 35L), await _storage.CountRowsAsync());
        var hits = await _storage.CreateCollection(16).KeywordSearchAsync("cocoa", 5);
        Assert.Equal("doc03", Assert.Single(hits).Record.DocumentId);
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task ADeletedFilesChunksAreRemoved()
    {
        await CreateIndexer().IndexAsync();
        _loader.Files.Remove("doc05");
        Assert.True(await CreateIndexer().IsStaleAsync());

        var report = await CreateIndexer().IndexAsync();

        Assert.Equal(1, report.DocumentsDeleted);
        Assert.Equal((33L, 33L, 33L), await _storage.CountRowsAsync());
        Assert.Null(await _storage.CreateCatalog().GetDocumentAsync("doc05"));
        Assert.False(await CreateIndexer().IsStaleAsync());
    }

    [Fact]
    public async Task RebuildStartsOver()
    {
        await CreateIndexer().IndexAsync();
        var texts = _generator.TextsEmbedded;

        var report = await CreateIndexer().IndexAsync(rebuild: true);

        Assert.Equal(12, report.DocumentsEmbedded);
        Assert.Equal(texts * 2, _generator.TextsEmbedded);
        Assert.Equal((36L, 36L, 36L), await _storage.CountRowsAsync());
    }

    [Fact]
    public async Task AnotherEmbeddingModelIsRefusedUntilRebuild()
    {
        await CreateIndexer().IndexAsync();
        var other = new HashingEmbeddingGenerator(dimensions: 24, modelId: "other");

        Assert.True(await CreateIndexer(other).IsStaleAsync());
        var error = await Assert.ThrowsAsync<IndexMismatchException>(() => CreateIndexer(other).IndexAsync());
        Assert.Contains("qabot index --rebuild", error.Message, StringComparison.Ordinal);

        var report = await CreateIndexer(other).IndexAsync(rebuild: true);
        Assert.Equal(12, report.DocumentsEmbedded);
        Assert.Equal(new EmbeddingModelInfo("test-hash/other", 24), await _storage.CreateCatalog().GetEmbeddingModelAsync());
    }

    [Fact]
    public async Task AnEmptyDatabaseIsStale()
    {
        Assert.True(await CreateIndexer().IsStaleAsync());
    }

    [Fact]
    public async Task SkippedFilesAreReportedAndIndexingGoesOn()
    {
        _loader.Skipped.Add(new SkippedFile("/corpus/broken.txt", "not valid UTF-8"));

        var report = await CreateIndexer().IndexAsync();

        Assert.Equal("/corpus/broken.txt", Assert.Single(report.Skipped).Path);
        Assert.Equal(12, report.DocumentsEmbedded);
    }

    [Fact]
    public async Task ARunThatFailsMidwayLeavesAConsistentDatabaseAndAReRunConvergesToACleanIndex()
    {
        // Batch size 3 chunks = one document per batch; the 5th embedding call throws.
        var failing = new HashingEmbeddingGenerator(dimensions: 16) { FailOnCall = 5 };
        await Assert.ThrowsAsync<InvalidOperationException>(() => CreateIndexer(failing, batchSize: 3).IndexAsync());

        var partial = await _storage.CreateCatalog().GetDocumentHashesAsync();
        Assert.InRange(partial.Count, 1, 4);
        Assert.Equal(((long)partial.Count * 3, (long)partial.Count * 3, (long)partial.Count * 3), await _storage.CountRowsAsync());
        await _storage.AssertConsistentAsync();

        var report = await CreateIndexer(batchSize: 3).IndexAsync();

        Assert.Equal(12 - partial.Count, report.DocumentsEmbedded);
        await AssertSameChunksAsACleanIndexAsync();
    }

    [Fact]
    public async Task ACancelledRunLeavesAConsistentDatabaseAndAReRunConvergesToACleanIndex()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<IndexProgress>(p =>
        {
            if (p.DocumentsDone >= 3)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateIndexer(batchSize: 3).IndexAsync(progress: progress, cancellationToken: cancellation.Token));

        var partial = await _storage.CreateCatalog().GetDocumentHashesAsync();
        Assert.InRange(partial.Count, 3, 11);
        await _storage.AssertConsistentAsync();

        await CreateIndexer(batchSize: 3).IndexAsync();
        await AssertSameChunksAsACleanIndexAsync();
    }

    private async Task AssertSameChunksAsACleanIndexAsync()
    {
        // The reference is a fresh SQLite index: the same corpus must give the same chunks on every engine.
        await using var clean = new SqliteStorageEngine();
        await clean.StartAsync();
        await CreateIndexer(storage: clean).IndexAsync();

        Assert.Equal(await clean.CountRowsAsync(), await _storage.CountRowsAsync());
        Assert.Equal(await clean.CreateCollection(16).FingerprintsAsync(), await _storage.CreateCollection(16).FingerprintsAsync());
        await _storage.AssertConsistentAsync();
    }

    private CorpusIndexer CreateIndexer(HashingEmbeddingGenerator? generator = null, int batchSize = 8, StorageEngine? storage = null, ParagraphChunker? chunker = null)
    {
        storage ??= _storage;
        return storage.CreateIndexer(_loader, chunker ?? new ParagraphChunker(), generator ?? _generator, batchSize);
    }
}

public sealed class SqliteCorpusIndexerTests() : CorpusIndexerTests(new SqliteStorageEngine());

public sealed class PostgresCorpusIndexerTests() : CorpusIndexerTests(new PostgresStorageEngine());
