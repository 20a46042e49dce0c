using Microsoft.Extensions.AI;
using QaBot.Core.Text;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// Deterministic embeddings for tests: a hashed bag of words, L2-normalised, so texts sharing words
/// are close. Counts calls and texts, and can be told to fail on a given call.
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
            result.Add(new Embedding<float>(Embed(value, dimensions)));
        }

        return Task.FromResult(result);
    }

    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var token in WordTokenizer.Tokenize(text))
        {
            var hash = StableHash(token);
            vector[(int)(hash % (uint)dimensions)] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            vector[0] = 1f;
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static uint StableHash(string token)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
