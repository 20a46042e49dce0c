using System.Security.Cryptography;
using System.Text;
using QaBot.Core.Ingestion;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

public sealed class SqliteIndexStoreTests : IDisposable
{
    private const int Dimensions = 16;
    private static readonly EmbeddingModelInfo Model = new("test-hash/hashed-bow-v1", Dimensions);
    private readonly TempStorage _storage = new();
    private readonly SqliteIndexStore _store;

    public SqliteIndexStoreTests()
    {
        _store = _storage.CreateStore();
    }

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task ANewDatabaseHasNoModelAndNoDocuments()
    {
        Assert.Null(await _store.GetEmbeddingModelAsync());
        Assert.Empty(await _store.GetDocumentHashesAsync());
        Assert.Null(await _store.GetDocumentAsync("anything"));
        Assert.False(File.Exists(_storage.Connections.DatabasePath)); // reading does not create the file
    }

    [Fact]
    public async Task InitializeRecordsTheModelAndAcceptsItAgain()
    {
        await _store.InitializeAsync(Model);
        await _storage.CreateStore().InitializeAsync(Model);

        Assert.Equal(Model, await _store.GetEmbeddingModelAsync());
    }

    [Theory]
    [InlineData("test-hash/another-model", Dimensions)]
    [InlineData("test-hash/hashed-bow-v1", Dimensions * 2)]
    public async Task ADatabaseBuiltByAnotherModelOrDimensionIsRefused(string modelId, int dimensions)
    {
        await _store.InitializeAsync(Model);

        var error = await Assert.ThrowsAsync<IndexMismatchException>(
            () => _storage.CreateStore().InitializeAsync(new EmbeddingModelInfo(modelId, dimensions)));

        Assert.Contains("qabot index --rebuild", error.Message, StringComparison.Ordinal);
        Assert.Contains(Model.ModelId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetDropsEverythingAndRecordsTheNewModel()
    {
        await _store.InitializeAsync(Model);
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "One sentence.", "Two sentences.")]);
        var other = new EmbeddingModelInfo("other/model", 8);

        await _store.ResetAsync(other);

        Assert.Equal(other, await _store.GetEmbeddingModelAsync());
        Assert.Empty(await _store.GetDocumentHashesAsync());
        Assert.Equal((0L, 0L, 0L), await _storage.CountRowsAsync());
    }

    [Fact]
    public async Task ReplacingADocumentAgainLeavesNoDuplicateChunks()
    {
        await _store.InitializeAsync(Model);
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "Alpha line.", "Beta line.", "Gamma line."), Indexed("doc2", "Other doc.")]);
        Assert.Equal((4L, 4L, 4L), await _storage.CountRowsAsync());

        await _store.ReplaceDocumentsAsync([Indexed("doc1", "Alpha line.", "Beta line.", "Gamma line.")]);
        Assert.Equal((4L, 4L, 4L), await _storage.CountRowsAsync());

        // Fewer chunks than before: the old third chunk must go too.
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "Delta line.")]);
        Assert.Equal((2L, 2L, 2L), await _storage.CountRowsAsync());
        Assert.Equal(["doc1#0"], (await _store.GetDocumentChunksAsync("doc1")).Select(c => c.ChunkId));
        Assert.Equal("Delta line.", (await _store.GetChunksAsync(["doc1#0"])).Single().Text);
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task ADocumentComesBackWithItsTextHashAndDate()
    {
        await _store.InitializeAsync(Model);
        var indexed = Indexed("doc1", "Headline", "Body sentence.");
        await _store.ReplaceDocumentsAsync([indexed]);

        var document = await _store.GetDocumentAsync("doc1");

        Assert.NotNull(document);
        Assert.Equal(indexed.Document.Text, document.Text);
        Assert.Equal(indexed.Document.ContentHash, document.ContentHash);
        Assert.Equal(new DateOnly(2025, 7, 2), document.PublishedDate);
        Assert.Equal(indexed.Document.SourcePath, document.SourcePath);
        Assert.Equal(indexed.Document.ContentHash, (await _store.GetDocumentHashesAsync())["doc1"]);
    }

    [Fact]
    public async Task DeletingDocumentsRemovesTheirChunksFromEveryTable()
    {
        await _store.InitializeAsync(Model);
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "A.", "B."), Indexed("doc2", "C.")]);

        var deleted = await _store.DeleteDocumentsAsync(["doc1", "missing"]);

        Assert.Equal(1, deleted);
        Assert.Equal((1L, 1L, 1L), await _storage.CountRowsAsync());
        Assert.Null(await _store.GetDocumentAsync("doc1"));
        Assert.Equal(["doc2"], (await _store.GetDocumentHashesAsync()).Keys);
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task UpdatingHashesRewritesOnlyTheCatalogValueOfKnownDocuments()
    {
        await _store.InitializeAsync(Model);
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "A.", "B."), Indexed("doc2", "C.")]);
        var chunksBefore = (await _store.GetDocumentChunksAsync("doc1")).Select(c => c.ChunkId).ToList();

        var updated = await _store.UpdateDocumentHashesAsync(new Dictionary<string, string> { ["doc1"] = "new-hash", ["missing"] = "other" });

        Assert.Equal(1, updated);
        var hashes = await _store.GetDocumentHashesAsync();
        Assert.Equal(["doc1", "doc2"], hashes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("new-hash", hashes["doc1"]);
        Assert.Equal(chunksBefore, (await _store.GetDocumentChunksAsync("doc1")).Select(c => c.ChunkId));
        Assert.Equal((3L, 3L, 3L), await _storage.CountRowsAsync());
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task StatsCountDocumentsAndChunks()
    {
        await _store.InitializeAsync(Model);
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "A.", "B."), Indexed("doc2", "C.")]);

        var stats = await _store.GetStatsAsync();

        Assert.Equal(2, stats.Documents);
        Assert.Equal(3, stats.Chunks);
        Assert.Equal(Model, stats.EmbeddingModel);
        Assert.True(stats.DatabaseBytes > 0);
    }

    [Fact]
    public async Task AFailedBatchLeavesTheDatabaseAsItWas()
    {
        await _store.InitializeAsync(Model);
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "Original text.")]);
        var broken = Indexed("doc2", "Fine chunk.");
        var badVector = new IndexedDocument(broken.Document, [.. broken.Chunks, ChunkRecord.FromChunk(
            new TextChunk("doc2#1", "doc2", "t", null, 1, 0, 1, "x"), new float[Dimensions - 1])]);

        await Assert.ThrowsAsync<ArgumentException>(() => _store.ReplaceDocumentsAsync([Indexed("doc1", "Changed text."), badVector]));

        Assert.Equal(["doc1"], (await _store.GetDocumentHashesAsync()).Keys);
        Assert.Equal("Original text.", (await _store.GetChunksAsync(["doc1#0"])).Single().Text);
        Assert.Equal((1L, 1L, 1L), await _storage.CountRowsAsync());
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task AReaderDuringAWriteSeesTheOldDocumentUntilTheBatchCommits()
    {
        await _store.InitializeAsync(Model);
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "Old first.", "Old second.")]);

        await using var writer = await _storage.Connections.OpenAsync();
        await using var transaction = writer.BeginTransaction();
        await using (var delete = writer.CreateCommand())
        {
            delete.CommandText = "DELETE FROM chunks WHERE document_id = 'doc1'";
            await delete.ExecuteNonQueryAsync();
        }

        // Uncommitted: another connection still sees both old chunks.
        Assert.Equal(2, (await _store.GetDocumentChunksAsync("doc1")).Count);
        transaction.Rollback();
    }

    [Fact]
    public async Task DroppingTheChunkCollectionMakesEveryDocumentNeedIndexingAgain()
    {
        await _store.InitializeAsync(Model);
        await _store.ReplaceDocumentsAsync([Indexed("doc1", "A.", "B.")]);
        await _storage.CreateCollection(Dimensions).EnsureCollectionDeletedAsync();

        var store = _storage.CreateStore();
        await store.InitializeAsync(Model);

        Assert.Empty(await store.GetDocumentHashesAsync());
        Assert.Equal((0L, 0L, 0L), await _storage.CountRowsAsync());
    }

    [Fact]
    public async Task WritingBeforeInitializeIsRefused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.ReplaceDocumentsAsync([Indexed("doc1", "A.")]));
    }

    internal static IndexedDocument Indexed(string id, params string[] lines)
    {
        var text = string.Join('\n', lines);
        var document = new SourceDocument(
            id, lines[0], new DateOnly(2025, 7, 2), text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), $"/corpus/{id}.txt");
        var chunks = new ParagraphChunker().Chunk(document)
            .Select(c => ChunkRecord.FromChunk(c, HashedBagOfWords.Embed(c.Text, Dimensions)))
            .ToList();
        return new IndexedDocument(document, chunks);
    }
}
