using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Configuration;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempStorage _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task TheIndexingServicesResolveAndShareOneDatabase()
    {
        var loader = new InMemoryCorpusLoader();
        loader.Files["doc1"] = "Headline\nA sentence about cocoa.";
        using var provider = Services(loader, new HashingEmbeddingGenerator(dimensions: 12)).BuildServiceProvider();

        var indexer = provider.GetRequiredService<ICorpusIndexer>();
        await indexer.IndexAsync();

        var collection = provider.GetRequiredService<SqliteVecChunkCollection>();
        Assert.Equal(12, collection.Dimensions);
        Assert.Same(collection, provider.GetRequiredService<VectorStoreCollection<string, ChunkRecord>>());
        Assert.Same(provider.GetRequiredService<SqliteIndexStore>(), provider.GetRequiredService<IIndexStore>());
        Assert.Single(await collection.KeywordSearchAsync("cocoa", 3));
        Assert.Equal(1, (await provider.GetRequiredService<IIndexStore>().GetStatsAsync()).Documents);
    }

    [Fact]
    public async Task WithoutDimensionsFromTheGeneratorTheCollectionUsesThoseRecordedInTheDatabase()
    {
        var store = _storage.CreateStore();
        await store.InitializeAsync(new EmbeddingModelInfo("remote/model", 24));
        using var provider = Services(new InMemoryCorpusLoader(), new NoMetadataGenerator()).BuildServiceProvider();

        Assert.Equal(24, provider.GetRequiredService<SqliteVecChunkCollection>().Dimensions);
    }

    private ServiceCollection Services(ICorpusLoader loader, IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(_storage.Root);
        services.AddSingleton(_storage.Options);
        services.AddSingleton(Options.Create(new CorpusOptions { Path = "corpus" }));
        services.AddSingleton(Options.Create(new EmbeddingOptions()));
        services.AddSingleton(loader);
        services.AddSingleton<ITextChunker, ParagraphChunker>();
        services.AddSingleton(generator);
        services.AddQaBotIndexing();
        return services;
    }

    /// <summary>A generator that reports no metadata, like some remote providers.</summary>
    private sealed class NoMetadataGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
