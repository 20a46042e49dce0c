using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QaBot.Core.Storage;

namespace QaBot.Core.Indexing;

public static class IndexingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICorpusIndexer"/> (<see cref="CorpusIndexer"/>) and the storage it writes to
    /// (<see cref="StorageServiceCollectionExtensions.AddQaBotStorage"/>). Expects an
    /// <see cref="Ingestion.ICorpusLoader"/>, an <see cref="Ingestion.ITextChunker"/>, an embedding generator,
    /// the corpus and embedding options and <see cref="Configuration.QaBotRoot"/> to be registered.
    /// </summary>
    public static IServiceCollection AddQaBotIndexing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddQaBotStorage();
        services.TryAddSingleton<ICorpusIndexer, CorpusIndexer>();
        return services;
    }
}
