using System.Numerics.Tensors;

namespace QaBot.Core.Embeddings;

/// <summary>
/// A deterministic pseudo-random unit vector for each word missing from the vocabulary (rare names,
/// codes, long numbers), seeded by a stable 64-bit FNV-1a hash of the lower-cased token (its UTF-16LE bytes), so the same
/// unknown word gives the same vector in every process and an exact match still raises similarity.
/// </summary>
internal static class OutOfVocabularyVectors
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Seed of the vector given to text without any word token.</summary>
    public const ulong EmptyTextSeed = 0x51A0_B07E_E3B7_7E00UL;

    /// <summary>Stable hash of an already lower-cased token.</summary>
    public static ulong Hash(ReadOnlySpan<char> lowerCaseToken)
    {
        var hash = FnvOffset;
        foreach (var c in lowerCaseToken)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return hash;
    }

    /// <summary>Stable hash of a token, lower-casing each UTF-16 unit on the way (for very long tokens).</summary>
    public static ulong HashLowerCasing(ReadOnlySpan<char> token)
    {
        var hash = FnvOffset;
        foreach (var raw in token)
        {
            var c = char.ToLowerInvariant(raw);
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return hash;
    }

    /// <summary>Fills <paramref name="destination"/> with the unit vector of <paramref name="seed"/>.</summary>
    public static void Fill(ulong seed, Span<float> destination)
    {
        var state = seed;
        for (var i = 0; i < destination.Length; i++)
        {
            // SplitMix64, then the top 24 bits as a uniform value in [-1, 1).
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            destination[i] = ((z >> 40) * (1.0f / (1 << 23))) - 1f;
        }

        var norm = TensorPrimitives.Norm(destination);
        if (norm == 0f)
        {
            destination.Clear();
            destination[0] = 1f;
            return;
        }

        TensorPrimitives.Divide(destination, norm, destination);
    }
}
