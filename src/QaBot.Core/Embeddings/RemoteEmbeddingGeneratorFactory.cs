using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using QaBot.Core.Configuration;

namespace QaBot.Core.Embeddings;

/// <summary>
/// Remote embedding generators, all through the OpenAI client and Microsoft.Extensions.AI: OpenAI
/// itself, Azure OpenAI's v1 endpoint (<c>https://{resource}.openai.azure.com/openai/v1/</c>) and
/// Ollama's OpenAI-compatible <c>/v1</c> endpoint.
/// </summary>
internal static class RemoteEmbeddingGeneratorFactory
{
    /// <summary>Ollama ignores the key, but the OpenAI client needs a non-empty one.</summary>
    private const string PlaceholderKey = "ollama";

    public static IEmbeddingGenerator<string, Embedding<float>> Create(string provider, RemoteEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = BaseUri(provider, options.Endpoint);
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? PlaceholderKey : options.ApiKey.Trim();
        var clientOptions = new OpenAIClientOptions();
        if (endpoint is not null)
        {
            clientOptions.Endpoint = endpoint;
        }

        var client = new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetEmbeddingClient(options.Model!.Trim());
        var generator = client.AsIEmbeddingGenerator(options.Dimensions);
        if (options.Dimensions is not { } dimensions)
        {
            return generator;
        }

        return generator.AsBuilder()
            .ConfigureOptions(o => o.Dimensions ??= dimensions)
            .Build();
    }

    /// <summary>The base URL the OpenAI client talks to, or null for OpenAI's own default.</summary>
    public static Uri? BaseUri(string provider, string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return provider == EmbeddingProviders.OpenAI
                ? null
                : throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:{provider}:Endpoint is required.");
        }

        var trimmed = endpoint.Trim().TrimEnd('/');
        var path = new Uri(trimmed, UriKind.Absolute).AbsolutePath.TrimEnd('/');
        var suffix = provider switch
        {
            EmbeddingProviders.AzureOpenAI when path.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) => string.Empty,
            EmbeddingProviders.AzureOpenAI when path.EndsWith("/openai", StringComparison.OrdinalIgnoreCase) => "/v1",
            EmbeddingProviders.AzureOpenAI => "/openai/v1",
            EmbeddingProviders.Ollama when path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) => string.Empty,
            EmbeddingProviders.Ollama => "/v1",
            _ => string.Empty,
        };

        return new Uri(trimmed + suffix + "/", UriKind.Absolute);
    }
}
