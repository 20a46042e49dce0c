namespace QaBot.Core.Answering.Encoding;

/// <summary>
/// A sentence (or question) as the neural encoder read it: its unit sentence vector, and its content
/// words — each as the analyzer's stem with a unit contextual vector (the mean of the word's pieces) —
/// for word-by-word alignment with another sentence.
/// </summary>
public sealed class EncodedSentence(float[] vector, string[] wordStems, float[] wordVectors)
{
    public float[] Vector { get; } = vector;

    public IReadOnlyList<string> WordStems { get; } = wordStems;

    public int WordCount => wordStems.Length;

    public ReadOnlySpan<float> WordVector(int index) => wordVectors.AsSpan(index * Vector.Length, Vector.Length);

    /// <summary>Approximate bytes held, for the cache's budget.</summary>
    public long Bytes => (Vector.Length + wordVectors.LongLength) * sizeof(float) + (wordStems.Length * 48L) + 64;
}
