using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Core.Indexing;
using QaBot.Core.Storage;
using QaBot.Core.Storage.Sqlite;
using QaBot.Testing;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Reliability;

/// <summary>
/// Two indexers on one database at once (the bot indexing at start while someone runs
/// <c>qabot index</c>): neither fails with SQLITE_BUSY, and the result is exactly a clean index.
/// </summary>
public sealed class ConcurrentIndexersTests : IDisposable
{
    private const int Dimensions = 16;
    private readonly TempStorage _shared = new();
    private readonly TempStorage _clean = new();
    private readonly InMemoryCorpusLoader _loader = new();

    public ConcurrentIndexersTests()
    {
        for (var i = 0; i < 60; i++)
        {
            _loader.Files[$"doc{i:00}"] = $"Headline {i}\nOil prices rose {i} percent.\nThe harbour handled {i} ships.\nWheat {i} was late.";
        }
    }

    public void Dispose()
    {
        _shared.Dispose();
        _clean.Dispose();
    }

    [Fact]
    public async Task TwoIndexersRunningAtOnceOnOneDatabaseBothFinishAndLeaveExactlyACleanIndex()
    {
        await Indexer(_clean).IndexAsync();

        // Separate indexers, stores and connection factories, as in two processes.
        var reports = await Task.WhenAll(
            Task.Run(() => Indexer(_shared).IndexAsync()),
            Task.Run(() => Indexer(_shared).IndexAsync()));

        Assert.All(reports, r => Assert.Equal(60, r.DocumentsSeen));
        await _shared.AssertConsistentAsync();
        Assert.Equal(await ChunksAsync(_clean), await ChunksAsync(_shared));
        Assert.Equal(await _clean.CountRowsAsync(), await _shared.CountRowsAsync());

        var again = await Indexer(_shared).IndexAsync();
        Assert.Equal(0, again.DocumentsEmbedded);
    }

    private CorpusIndexer Indexer(TempStorage storage)
    {
        var connections = new SqliteConnectionFactory(storage.Options, storage.Root);
        var store = new SqliteIndexCatalog(connections, storage.Options, NullLogger<SqliteIndexCatalog>.Instance, TimeProvider.System);
        return storage.CreateIndexer(_loader, new ParagraphChunker(), new HashingEmbeddingGenerator(Dimensions), batchSize: 3, store: store, corpusPath: storage.RootPath);
    }

    private static async Task<List<string>> ChunksAsync(TempStorage storage)
    {
        var store = storage.CreateStore();
        var chunks = new List<string>();
        foreach (var id in (await store.GetDocumentHashesAsync()).Keys.Order(StringComparer.Ordinal))
        {
            chunks.AddRange((await storage.CreateCollection(Dimensions).DocumentChunksAsync(id)).Select(c => $"{c.ChunkId}|{c.Text}"));
        }

        return chunks;
    }
}
