namespace QaBot.Core.Answering.Encoding;

/// <summary>A sentence (or question) as the neural encoder read it: its unit sentence vector.</summary>
public sealed class EncodedSentence(float[] vector)
{
    public float[] Vector { get; } = vector;

    /// <summary>Approximate bytes held, for the cache's budget.</summary>
    public long Bytes => (Vector.LongLength * sizeof(float)) + 48;
}
