using QaBot.Core.Indexing;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Indexing;

public sealed class CorpusIndexerTransactionTests : IDisposable
{
    private readonly TempStorage _storage = new();
    private readonly InMemoryCorpusLoader _loader = new();
    private readonly HashingEmbeddingGenerator _generator = new(dimensions: 16);

    public CorpusIndexerTransactionTests()
    {
        for (var i = 0; i < 12; i++)
        {
            _loader.Files[$"doc{i:00}"] = $"Headline {i}\nFirst sentence of article {i} about wheat.\nSecond sentence {i} about oil prices.";
        }
    }

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task BatchesWaitingWhileTheStoreIsBusyAreWrittenInOneTransaction()
    {
        // One document (3 chunks) per embedding batch. The first write carries whatever was already queued when it began
        // (timing-dependent), then waits until the tenth embedding call has started: the producer is sequential, so by then
        // batches up to the ninth are queued, and the second write must carry all of them at once.
        var store = new RecordingStore(_storage.CreateStore(), () => _generator.Calls >= 10);
        var indexer = _storage.CreateIndexer(_loader, new ParagraphChunker(), _generator, batchSize: 3, store: store);

        var report = await indexer.IndexAsync();

        Assert.Equal(12, report.DocumentsEmbedded);
        Assert.Equal(12, store.Writes.Sum());
        Assert.InRange(store.Writes.Count, 2, 5);
        Assert.True(store.Writes[0] + store.Writes[1] >= 9, $"writes: {string.Join(", ", store.Writes)}");
        Assert.Equal((36L, 36L, 36L), await _storage.CountRowsAsync());
        await _storage.AssertConsistentAsync();
    }

    /// <summary>Records how many documents each write batch carried; the first batch waits for <paramref name="releaseFirstWrite"/>.</summary>
    private sealed class RecordingStore(IIndexCatalog inner, Func<bool> releaseFirstWrite) : IIndexCatalog
    {
        public List<int> Writes { get; } = [];

        public string Location => inner.Location;

        public async Task<IIndexWriteBatch> BeginWriteAsync(CancellationToken cancellationToken = default)
        {
            if (Writes.Count == 0)
            {
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (!releaseFirstWrite() && waited.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(10, cancellationToken);
                }
            }

            return new CountingBatch(await inner.BeginWriteAsync(cancellationToken), Writes);
        }

        public Task InitializeAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) => inner.InitializeAsync(model, cancellationToken);

        public Task ResetAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) => inner.ResetAsync(model, cancellationToken);

        public Task<EmbeddingModelInfo?> GetEmbeddingModelAsync(CancellationToken cancellationToken = default) => inner.GetEmbeddingModelAsync(cancellationToken);

        public Task<string?> GetCorpusAsync(CancellationToken cancellationToken = default) => inner.GetCorpusAsync(cancellationToken);

        public Task SetCorpusAsync(string corpus, CancellationToken cancellationToken = default) => inner.SetCorpusAsync(corpus, cancellationToken);

        public Task<IReadOnlyDictionary<string, string>> GetDocumentHashesAsync(CancellationToken cancellationToken = default) => inner.GetDocumentHashesAsync(cancellationToken);

        public Task<int> UpdateDocumentHashesAsync(IReadOnlyDictionary<string, string> hashes, CancellationToken cancellationToken = default) => inner.UpdateDocumentHashesAsync(hashes, cancellationToken);

        public Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetDocumentAsync(documentId, cancellationToken);

        public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);
    }

    /// <summary>Counts the catalog rows a batch writes and records the count when it commits.</summary>
    private sealed class CountingBatch(IIndexWriteBatch inner, List<int> writes) : IIndexWriteBatch
    {
        private int _documents;

        public Microsoft.Extensions.VectorData.VectorStoreCollection<string, ChunkRecord> Chunks => inner.Chunks;

        public Task PutDocumentAsync(QaBot.Core.Ingestion.SourceDocument document, CancellationToken cancellationToken = default)
        {
            _documents++;
            return inner.PutDocumentAsync(document, cancellationToken);
        }

        public Task<bool> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default) => inner.RemoveDocumentAsync(documentId, cancellationToken);

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(cancellationToken);
            writes.Add(_documents);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
