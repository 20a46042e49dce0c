using Microsoft.Extensions.AI;
using QaBot.Testing;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// Deterministic embeddings for tests in process: <see cref="HashedBagOfWords"/> (texts sharing words are
/// close) behind the generator interface the indexer uses. Counts calls and texts, and can be told to fail
/// on a given call.
/// </summary>
public sealed class HashingEmbeddingGenerator(int dimensions = 32, string modelId = "hashed-bow-v1") : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("test-hash", null, modelId, dimensions);
    private int _calls;
    private int _texts;

    public int Calls => _calls;

    public int TextsEmbedded => _texts;

    /// <summary>When set, the call with this 1-based number throws.</summary>
    public int? FailOnCall { get; set; }

    public int Dimensions => dimensions;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var call = Interlocked.Increment(ref _calls);
        if (call == FailOnCall)
        {
            throw new InvalidOperationException($"Embedding call {call} failed on purpose.");
        }

        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            Interlocked.Increment(ref _texts);
            result.Add(new Embedding<float>(HashedBagOfWords.Embed(value, dimensions)));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
