using QaBot.Core.Text;

namespace QaBot.Testing;

/// <summary>
/// Deterministic stand-in embeddings: a hashed bag of words, L2-normalised. Texts that share words are
/// close, so retrieval behaves sensibly without a model, and the hash (FNV-1a, not
/// <see cref="string.GetHashCode()"/>) gives the same vector in every process — the CLI in a child
/// process and the test that checks its index agree.
/// </summary>
public static class HashedBagOfWords
{
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

    private static uint StableHash(string token)
    {
        var hash = 2166136261u;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
