using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Answering.Llm;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;
using QaBot.Core.Storage;

namespace QaBot.Core;

/// <summary>Registers the channel-free QaBot services: options, corpus, storage, embeddings, retrieval, answering.</summary>
public static class QaBotCoreServiceCollectionExtensions
{
    /// <summary>Configuration key that overrides the QaBot root (default: the folder holding QaBot.sln).</summary>
    public const string RootConfigurationKey = "QaBot:Root";

    public static IServiceCollection AddQaBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var root = configuration[RootConfigurationKey];
        services.TryAddSingleton(new QaBotRoot(string.IsNullOrWhiteSpace(root) ? QaBotPaths.FindRoot() : Path.GetFullPath(root)));

        services.AddOptions<CorpusOptions>().Bind(configuration.GetSection(CorpusOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChunkingOptions>().Bind(configuration.GetSection(ChunkingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure<IOptions<CorpusOptions>, QaBotRoot>((storage, corpus, qabotRoot) =>
            {
                // One database per corpus unless a path is configured (CorpusIdentity).
                if (string.IsNullOrWhiteSpace(storage.DatabasePath))
                {
                    storage.DatabasePath = CorpusIdentity.DatabasePathFor(qabotRoot, corpus.Value);
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnsweringOptions>().Bind(configuration.GetSection(AnsweringOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddQaBotEmbeddings();
        services.AddQaBotIndexing();
        services.TryAddSingleton<IRetriever, HybridRetriever>();
        services.TryAddSingleton<ICorpusLoader, CorpusLoader>();
        services.TryAddSingleton<ITextChunker, SentenceChunker>();
        services.AddLlmAnsweringWhenConfigured(configuration);
        services.TryAddSingleton<IQueryRewriter, FollowUpQueryRewriter>();
        services.TryAddSingleton(sp => new Answering.Encoding.AnswerEncoder(sp.GetRequiredService<Embeddings.Onnx.SentenceEncoderHost>()));
        services.TryAddSingleton<Answering.Model.AnswerModelHost>();
        services.TryAddSingleton<ExtractiveAnswerComposer>();
        services.TryAddSingleton<IAnswerComposer>(sp => sp.GetRequiredService<ExtractiveAnswerComposer>());
        services.TryAddSingleton<IAnsweringService, AnsweringService>();

        return services;
    }
}
