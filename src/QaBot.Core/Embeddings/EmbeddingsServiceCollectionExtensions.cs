using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Embeddings;

/// <summary>Registers the embedding generator chosen by <c>QaBot:Embeddings:Provider</c>.</summary>
public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> (string → float) as a singleton:
    /// <see cref="GloveEmbeddingGenerator"/> for "Glove" (the default), else an OpenAI-client generator
    /// for "OpenAI", "AzureOpenAI" or "Ollama". Expects <see cref="IOptions{EmbeddingOptions}"/> and a
    /// <see cref="QaBotRoot"/> to be registered; adds validation of the provider's settings that runs at start.
    /// </summary>
    public static IServiceCollection AddQaBotEmbeddings(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());
        services.AddOptions<EmbeddingOptions>().ValidateOnStart();
        services.TryAddSingleton<Onnx.SentenceEncoderHost>();
        services.TryAddSingleton(CreateGenerator);
        return services;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>();
        var embedding = options.Value; // validated here at the latest
        var loggers = services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger(typeof(EmbeddingsServiceCollectionExtensions).FullName!);
        var provider = EmbeddingProviders.Normalize(embedding.Provider)
            ?? throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:Provider '{embedding.Provider}' is not supported.");

        if (provider == EmbeddingProviders.Glove)
        {
            var root = services.GetRequiredService<QaBotRoot>();
            var glove = new GloveEmbeddingGenerator(options, root, loggers.CreateLogger<GloveEmbeddingGenerator>());
            EmbeddingsLog.GloveProviderSelected(logger, glove.ModelId, root.Resolve(embedding.Glove.CachePath));
            return glove;
        }

        if (provider == EmbeddingProviders.Onnx)
        {
            var host = services.GetRequiredService<Onnx.SentenceEncoderHost>();
            EmbeddingsLog.OnnxProviderSelected(logger, host.ModelId);
            return new Onnx.OnnxEmbeddingGenerator(host.Lazy, host.ModelId);
        }

        var remote = provider switch
        {
            EmbeddingProviders.OpenAI => embedding.OpenAI,
            EmbeddingProviders.AzureOpenAI => embedding.AzureOpenAI,
            _ => embedding.Ollama,
        };
        var generator = RemoteEmbeddingGeneratorFactory.Create(provider, remote);
        var endpoint = RemoteEmbeddingGeneratorFactory.BaseUri(provider, remote.Endpoint)?.ToString() ?? "https://api.openai.com/v1/";
        EmbeddingsLog.RemoteProviderSelected(logger, provider, remote.Model!, endpoint);
        return generator;
    }
}
