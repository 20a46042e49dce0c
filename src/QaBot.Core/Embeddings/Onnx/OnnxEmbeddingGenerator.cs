using Microsoft.Extensions.AI;

namespace QaBot.Core.Embeddings.Onnx;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> over an <see cref="OnnxSentenceEncoder"/>:
/// offline neural embeddings for the index and for queries. A query is embedded as one when the
/// options say so (<see cref="EmbeddingInputType.Query"/>), which adds the model's query prefix.
/// </summary>
public sealed class OnnxEmbeddingGenerator(Lazy<OnnxSentenceEncoder> encoder, string modelId) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "onnx";

    public string ModelId { get; } = modelId;

    public EmbeddingGeneratorMetadata Metadata => new(ProviderName, null, ModelId, encoder.Value.Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        var vectors = encoder.Value.Encode(texts, EmbeddingInputType.IsQuery(options), cancellationToken);
        var created = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId, CreatedAt = created }));
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : null;

    public void Dispose()
    {
        // The encoder is a shared singleton, owned by the container.
    }
}
