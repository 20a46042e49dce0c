using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

/// <summary>The document catalog and the indexer's writes through the port, on every engine.</summary>
public abstract class IndexCatalogTests(StorageEngine engine) : EngineTests(engine)
{
    private const int Dimensions = 16;
    private static readonly EmbeddingModelInfo Model = new("test-hash/hashed-bow-v1", Dimensions);
    private IIndexCatalog? _catalog;

    private IIndexCatalog Catalog => _catalog ??= Engine.CreateCatalog();

    private VectorStoreCollection<string, ChunkRecord> Chunks => Engine.CreateCollection(Dimensions);

    private Task ReplaceAsync(params IndexedDocument[] documents) => IndexWriter.ReplaceDocumentsAsync(Catalog, documents);

    private async Task<List<ChunkRecord>> DocumentChunksAsync(string documentId) =>
        await Chunks.GetAsync(r => r.DocumentId == documentId, 1000).ToListAsync();

    [Fact]
    public async Task ANewDatabaseHasNoModelAndNoDocuments()
    {
        Assert.Null(await Catalog.GetEmbeddingModelAsync());
        Assert.Empty(await Catalog.GetDocumentHashesAsync());
        Assert.Null(await Catalog.GetDocumentAsync("anything"));
    }

    [Fact]
    public async Task InitializeRecordsTheModelAndAcceptsItAgain()
    {
        await Catalog.InitializeAsync(Model);
        await Engine.CreateCatalog().InitializeAsync(Model);

        Assert.Equal(Model, await Catalog.GetEmbeddingModelAsync());
    }

    [Theory]
    [InlineData("test-hash/another-model", Dimensions)]
    [InlineData("test-hash/hashed-bow-v1", Dimensions * 2)]
    public async Task ADatabaseBuiltByAnotherModelOrDimensionIsRefused(string modelId, int dimensions)
    {
        await Catalog.InitializeAsync(Model);

        var error = await Assert.ThrowsAsync<IndexMismatchException>(
            () => Engine.CreateCatalog().InitializeAsync(new EmbeddingModelInfo(modelId, dimensions)));

        Assert.Contains("qabot index --rebuild", error.Message, StringComparison.Ordinal);
        Assert.Contains(Model.ModelId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetDropsEverythingAndRecordsTheNewModel()
    {
        await Catalog.InitializeAsync(Model);
        await ReplaceAsync(Indexed("doc1", "One sentence.", "Two sentences."));
        var other = new EmbeddingModelInfo("other/model", 8);

        await Catalog.ResetAsync(other);

        Assert.Equal(other, await Catalog.GetEmbeddingModelAsync());
        Assert.Empty(await Catalog.GetDocumentHashesAsync());
        Assert.Equal((0L, 0L, 0L), await Engine.CountRowsAsync());
    }

    [Fact]
    public async Task ReplacingADocumentAgainLeavesNoDuplicateChunks()
    {
        await Catalog.InitializeAsync(Model);
        await ReplaceAsync(Indexed("doc1", "Alpha line.", "Beta line.", "Gamma line."), Indexed("doc2", "Other doc."));
        Assert.Equal((4L, 4L, 4L), await Engine.CountRowsAsync());

        await ReplaceAsync(Indexed("doc1", "Alpha line.", "Beta line.", "Gamma line."));
        Assert.Equal((4L, 4L, 4L), await Engine.CountRowsAsync());

        // Fewer chunks than before: the old third chunk must go too.
        await ReplaceAsync(Indexed("doc1", "Delta line."));
        Assert.Equal((2L, 2L, 2L), await Engine.CountRowsAsync());
        Assert.Equal(["doc1#0"], (await DocumentChunksAsync("doc1")).Select(c => c.ChunkId));
        Assert.Equal("Delta line.", (await Chunks.GetAsync("doc1#0"))!.Text);
        await Engine.AssertConsistentAsync();
    }

    [Fact]
    public async Task ADocumentComesBackWithItsTextHashAndDate()
    {
        await Catalog.InitializeAsync(Model);
        var indexed = Indexed("doc1", "Headline", "Body sentence.");
        await ReplaceAsync(indexed);

        var document = await Catalog.GetDocumentAsync("doc1");

        Assert.NotNull(document);
        Assert.Equal(indexed.Document.Text, document.Text);
        Assert.Equal(indexed.Document.ContentHash, document.ContentHash);
        Assert.Equal(new DateOnly(2025, 7, 2), document.PublishedDate);
        Assert.Equal(indexed.Document.SourcePath, document.SourcePath);
        Assert.Equal(indexed.Document.ContentHash, (await Catalog.GetDocumentHashesAsync())["doc1"]);
    }

    [Fact]
    public async Task DeletingDocumentsRemovesTheirChunksFromEveryTable()
    {
        await Catalog.InitializeAsync(Model);
        await ReplaceAsync(Indexed("doc1", "A.", "B."), Indexed("doc2", "C."));

        var deleted = await IndexWriter.DeleteDocumentsAsync(Catalog, ["doc1", "missing"]);

        Assert.Equal(1, deleted);
        Assert.Equal((1L, 1L, 1L), await Engine.CountRowsAsync());
        Assert.Null(await Catalog.GetDocumentAsync("doc1"));
        Assert.Equal(["doc2"], (await Catalog.GetDocumentHashesAsync()).Keys);
        await Engine.AssertConsistentAsync();
    }

    [Fact]
    public async Task UpdatingHashesRewritesOnlyTheCatalogValueOfKnownDocuments()
    {
        await Catalog.InitializeAsync(Model);
        await ReplaceAsync(Indexed("doc1", "A.", "B."), Indexed("doc2", "C."));
        var chunksBefore = (await DocumentChunksAsync("doc1")).Select(c => c.ChunkId).ToList();

        var updated = await Catalog.UpdateDocumentHashesAsync(new Dictionary<string, string> { ["doc1"] = "new-hash", ["missing"] = "other" });

        Assert.Equal(1, updated);
        var hashes = await Catalog.GetDocumentHashesAsync();
        Assert.Equal(["doc1", "doc2"], hashes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("new-hash", hashes["doc1"]);
        Assert.Equal(chunksBefore, (await DocumentChunksAsync("doc1")).Select(c => c.ChunkId));
        Assert.Equal((3L, 3L, 3L), await Engine.CountRowsAsync());
        await Engine.AssertConsistentAsync();
    }

    [Fact]
    public async Task StatsCountDocumentsAndChunks()
    {
        await Catalog.InitializeAsync(Model);
        await ReplaceAsync(Indexed("doc1", "A.", "B."), Indexed("doc2", "C."));

        var stats = await Catalog.GetStatsAsync();

        Assert.Equal(2, stats.Documents);
        Assert.Equal(3, stats.Chunks);
        Assert.Equal(Model, stats.EmbeddingModel);
        Assert.True(stats.DatabaseBytes > 0);
    }

    [Fact]
    public async Task AFailedBatchLeavesTheDatabaseAsItWas()
    {
        await Catalog.InitializeAsync(Model);
        await ReplaceAsync(Indexed("doc1", "Original text."));
        var broken = Indexed("doc2", "Fine chunk.");
        var badVector = new IndexedDocument(broken.Document, [.. broken.Chunks, ChunkRecord.FromChunk(
            new TextChunk("doc2#1", "doc2", "t", null, 1, 0, 1, "x"), new float[Dimensions - 1])]);

        await Assert.ThrowsAsync<ArgumentException>(() => ReplaceAsync(Indexed("doc1", "Changed text."), badVector));

        Assert.Equal(["doc1"], (await Catalog.GetDocumentHashesAsync()).Keys);
        Assert.Equal("Original text.", (await Chunks.GetAsync("doc1#0"))!.Text);
        Assert.Equal((1L, 1L, 1L), await Engine.CountRowsAsync());
        await Engine.AssertConsistentAsync();
    }

    [Fact]
    public async Task DroppingTheChunkCollectionMakesEveryDocumentNeedIndexingAgain()
    {
        await Catalog.InitializeAsync(Model);
        await ReplaceAsync(Indexed("doc1", "A.", "B."));
        await Chunks.EnsureCollectionDeletedAsync();

        var store = Engine.CreateCatalog();
        await store.InitializeAsync(Model);

        Assert.Empty(await store.GetDocumentHashesAsync());
        Assert.Equal((0L, 0L, 0L), await Engine.CountRowsAsync());
    }

    [Fact]
    public async Task WritingBeforeInitializeIsRefused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReplaceAsync(Indexed("doc1", "A.")));
    }

    /// <summary>Issue 14: the catalog records which corpus it holds, and keeps each document's own URL.</summary>
    [Fact]
    public async Task TheCorpusAndADocumentsUrlAreKept()
    {
        await Catalog.InitializeAsync(Model);
        Assert.Null(await Catalog.GetCorpusAsync());
        await Catalog.SetCorpusAsync("tests/corpora/mixed");
        await Catalog.SetCorpusAsync("seeds");
        var withUrl = Indexed("doc1", "A headline.", "A body.");
        await ReplaceAsync(withUrl with { Document = withUrl.Document with { Url = "https://news.example/doc1" } }, Indexed("doc2", "No address."));

        Assert.Equal("seeds", await Engine.CreateCatalog().GetCorpusAsync());
        Assert.Equal("https://news.example/doc1", (await Catalog.GetDocumentAsync("doc1"))!.Url);
        Assert.Null((await Catalog.GetDocumentAsync("doc2"))!.Url);

        await Catalog.ResetAsync(Model);
        Assert.Null(await Catalog.GetCorpusAsync());
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
