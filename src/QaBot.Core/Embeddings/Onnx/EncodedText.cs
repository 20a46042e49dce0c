namespace QaBot.Core.Embeddings.Onnx;

/// <summary>
/// A text as the encoder saw it: its pooled, L2-normalised sentence vector, and — when asked for —
/// each word piece with its own L2-normalised contextual vector (row-major, <see cref="Dimensions"/>
/// floats per piece, [CLS] and [SEP] left out).
/// </summary>
public sealed class EncodedText(float[] vector, IReadOnlyList<string> pieces, float[] pieceVectors, int dimensions)
{
    public float[] Vector { get; } = vector;

    /// <summary>Word pieces in order ("##" marks a piece that continues the previous word).</summary>
    public IReadOnlyList<string> Pieces { get; } = pieces;

    public float[] PieceVectors { get; } = pieceVectors;

    public int Dimensions { get; } = dimensions;

    public ReadOnlySpan<float> PieceVector(int index) => PieceVectors.AsSpan(index * Dimensions, Dimensions);
}
