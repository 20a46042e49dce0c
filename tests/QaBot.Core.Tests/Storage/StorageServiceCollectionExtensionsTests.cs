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
using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

/// <summary>The storage port resolves to the configured engine, and the indexer and the collection share its index.</summary>
public abstract class StorageServiceCollectionExtensionsTests(StorageEngine engine) : EngineTests(engine)
{
    [Fact]
    public async Task TheIndexingServicesResolveAndShareOneDatabase()
    {
        var loader = new InMemoryCorpusLoader();
        loader.Files["doc1"] = "Headline\nA sentence about cocoa.";
        using var provider = Services(loader, new HashingEmbeddingGenerator(dimensions: 12)).BuildServiceProvider();

        var indexer = provider.GetRequiredService<ICorpusIndexer>();
        await indexer.IndexAsync();

        var collection = provider.GetRequiredService<VectorStoreCollection<string, ChunkRecord>>();
        Assert.Same(collection, provider.GetRequiredService<IHybridCandidateSource>());
        Assert.Equal(Engine.CreateCollection(12).GetType(), collection.GetType());
        Assert.Equal(Engine.CreateCatalog().GetType(), provider.GetRequiredService<IIndexCatalog>().GetType());
        Assert.Single(await collection.KeywordSearchAsync("cocoa", 3));
        Assert.Equal(1, (await provider.GetRequiredService<IIndexCatalog>().GetStatsAsync()).Documents);
        Assert.Equal(12, (await collection.GetAsync("doc1#1", new RecordRetrievalOptions { IncludeVectors = true }))!.Embedding.Length);
    }

    [Fact]
    public async Task WithoutDimensionsFromTheGeneratorTheCollectionUsesThoseRecordedInTheDatabase()
    {
        var store = Engine.CreateCatalog();
        await store.InitializeAsync(new EmbeddingModelInfo("remote/model", 24));
        using var provider = Services(new InMemoryCorpusLoader(), new NoMetadataGenerator()).BuildServiceProvider();

        var collection = provider.GetRequiredService<VectorStoreCollection<string, ChunkRecord>>();
        await Assert.ThrowsAsync<ArgumentException>(async () => await collection.SearchAsync(new float[12], 1).ToListAsync());
        Assert.Empty(await collection.SearchAsync(new float[24], 1).ToListAsync());
    }

    private ServiceCollection Services(ICorpusLoader loader, IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(Engine.Root);
        services.AddSingleton(Engine.Options);
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

public sealed class SqliteStorageServiceCollectionExtensionsTests() : StorageServiceCollectionExtensionsTests(new SqliteStorageEngine());

public sealed class PostgresStorageServiceCollectionExtensionsTests() : StorageServiceCollectionExtensionsTests(new PostgresStorageEngine());
