using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Configuration;
using QaBot.Core.Storage.Postgres;
using QaBot.Core.Storage.Sqlite;

namespace QaBot.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage port, all singletons: the chunk collection as
    /// <see cref="VectorStoreCollection{TKey, TRecord}"/> of string and <see cref="ChunkRecord"/> and as
    /// <see cref="IHybridCandidateSource"/>, and the <see cref="IIndexCatalog"/> beside it, on the engine
    /// <see cref="StorageOptions.Provider"/> names (SQLite: <see cref="SqliteVecChunkCollection"/> and
    /// <see cref="SqliteIndexCatalog"/>; PostgreSQL: <see cref="PostgresChunkCollection"/> and
    /// <see cref="PostgresIndexCatalog"/>). Expects <see cref="IOptions{StorageOptions}"/>, <see cref="QaBotRoot"/>
    /// and, for the collection, the embedding generator (its metadata gives the vector dimension).
    /// </summary>
    public static IServiceCollection AddQaBotStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        // The engines; only the configured one is ever resolved.
        services.TryAddSingleton<SqliteConnectionFactory>();
        services.TryAddSingleton<SqliteIndexCatalog>();
        services.TryAddSingleton(sp => new SqliteVecChunkCollection(
            sp.GetRequiredService<SqliteConnectionFactory>(), CollectionName(sp), Dimensions(sp)));
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<PostgresIndexCatalog>();
        services.TryAddSingleton(sp => new PostgresChunkCollection(
            sp.GetRequiredService<PostgresDatabase>(), CollectionName(sp), Dimensions(sp)));

        // The port.
        services.TryAddSingleton<IIndexCatalog>(sp => IsPostgres(sp)
            ? sp.GetRequiredService<PostgresIndexCatalog>()
            : sp.GetRequiredService<SqliteIndexCatalog>());
        services.TryAddSingleton<VectorStoreCollection<string, ChunkRecord>>(sp => IsPostgres(sp)
            ? sp.GetRequiredService<PostgresChunkCollection>()
            : sp.GetRequiredService<SqliteVecChunkCollection>());
        services.TryAddSingleton(sp => (IHybridCandidateSource)sp.GetRequiredService<VectorStoreCollection<string, ChunkRecord>>());
        return services;
    }

    private static bool IsPostgres(IServiceProvider services) =>
        StorageProviders.IsPostgres(services.GetRequiredService<IOptions<StorageOptions>>().Value);

    private static string CollectionName(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.CollectionName;

    /// <summary>
    /// The vector dimension comes from the embedding generator's metadata or, when it reports none,
    /// from the dimension recorded in the index by the last index run.
    /// </summary>
    private static int Dimensions(IServiceProvider services)
    {
        var dimensions = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>()
            ?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions;

        // Microsoft.Data.Sqlite runs its async methods synchronously; Npgsql's run on the thread pool.
        dimensions ??= Task.Run(() => services.GetRequiredService<IIndexCatalog>().GetEmbeddingModelAsync()).GetAwaiter().GetResult()?.Dimensions;

        return dimensions is > 0
            ? dimensions.Value
            : throw new InvalidOperationException(
                "The vector dimension is unknown: the embedding generator reports no DefaultModelDimensions and no index exists yet. "
                + "Run `qabot index` first, or configure the embedding dimensions.");
    }
}
