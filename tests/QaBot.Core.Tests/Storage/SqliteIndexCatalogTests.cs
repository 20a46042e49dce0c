using QaBot.Core.Indexing;
using QaBot.Core.Storage;
using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

public sealed class SqliteIndexCatalogTests() : IndexCatalogTests(new SqliteStorageEngine())
{
    private SqliteStorageEngine Sqlite => (SqliteStorageEngine)Engine;

    [Fact]
    public async Task ReadingDoesNotCreateTheDatabaseFile()
    {
        Assert.Null(await Engine.CreateCatalog().GetEmbeddingModelAsync());
        Assert.False(File.Exists(Sqlite.Connections.DatabasePath));
    }

    /// <summary>
    /// WAL: a reader on another connection sees the committed state while a write batch is open. (On
    /// PGlite, one database session, the reader would wait for the batch; a native PostgreSQL behaves as
    /// SQLite does here, by MVCC.)
    /// </summary>
    [Fact]
    public async Task AReaderDuringAWriteSeesTheOldDocumentUntilTheBatchCommits()
    {
        var catalog = Engine.CreateCatalog();
        await catalog.InitializeAsync(new EmbeddingModelInfo("test-hash/hashed-bow-v1", 16));
        await IndexWriter.ReplaceDocumentsAsync(catalog, [IndexCatalogTests.Indexed("doc1", "Old first.", "Old second.")]);

        await using (var batch = await catalog.BeginWriteAsync())
        {
            await batch.Chunks.DeleteAsync(["doc1#0", "doc1#1"]);
            Assert.Null(await batch.Chunks.GetAsync("doc1#0")); // the batch sees its own delete

            // Uncommitted: another connection still sees both old chunks.
            Assert.Equal(2, await Engine.CreateCollection(16).GetAsync(r => r.DocumentId == "doc1", 10).CountAsync());
        }

        // Disposed without a commit: rolled back.
        Assert.Equal(2, await Engine.CreateCollection(16).GetAsync(r => r.DocumentId == "doc1", 10).CountAsync());
    }
}
