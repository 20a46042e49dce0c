using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Configuration;

namespace QaBot.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite storage: <see cref="SqliteConnectionFactory"/>, <see cref="IIndexStore"/>
    /// (<see cref="SqliteIndexStore"/>) and the chunk collection (<see cref="SqliteVecChunkCollection"/>, also as
    /// <see cref="VectorStoreCollection{TKey, TRecord}"/> of string and <see cref="ChunkRecord"/>), all singletons.
    /// Expects <see cref="IOptions{StorageOptions}"/>, <see cref="QaBotRoot"/> and, for the collection, the
    /// embedding generator (its metadata gives the vector dimension).
    /// </summary>
    public static IServiceCollection AddQaBotStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteConnectionFactory>();
        services.TryAddSingleton<SqliteIndexStore>();
        services.TryAddSingleton<IIndexStore>(sp => sp.GetRequiredService<SqliteIndexStore>());
        services.TryAddSingleton(CreateCollection);
        services.TryAddSingleton<VectorStoreCollection<string, ChunkRecord>>(sp => sp.GetRequiredService<SqliteVecChunkCollection>());
        return services;
    }

    /// <summary>
    /// The vector dimension comes from the embedding generator's metadata or, when it reports none,
    /// from the dimension recorded in the database by the last index run.
    /// </summary>
    private static SqliteVecChunkCollection CreateCollection(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var connections = services.GetRequiredService<SqliteConnectionFactory>();
        var dimensions = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>()
            ?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions;

        // Microsoft.Data.Sqlite runs its async methods synchronously, so this cannot deadlock.
        dimensions ??= services.GetRequiredService<IIndexStore>().GetEmbeddingModelAsync().GetAwaiter().GetResult()?.Dimensions;

        return dimensions is > 0
            ? new SqliteVecChunkCollection(connections, options.CollectionName, dimensions.Value)
            : throw new InvalidOperationException(
                "The vector dimension is unknown: the embedding generator reports no DefaultModelDimensions and no index exists yet. "
                + "Run `qabot index` first, or configure the embedding dimensions.");
    }
}
