namespace QaBot.Core.Embeddings;

/// <summary>Values of <c>QaBot:Embeddings:Provider</c> (compared ignoring case).</summary>
public static class EmbeddingProviders
{
    public const string Glove = "Glove";
    public const string Onnx = "Onnx";
    public const string OpenAI = "OpenAI";
    public const string AzureOpenAI = "AzureOpenAI";
    public const string Ollama = "Ollama";

    public static IReadOnlyList<string> All { get; } = [Glove, Onnx, OpenAI, AzureOpenAI, Ollama];

    /// <summary>The canonical spelling of <paramref name="provider"/>, or null when it is not supported.</summary>
    public static string? Normalize(string? provider) =>
        All.FirstOrDefault(p => string.Equals(p, provider?.Trim(), StringComparison.OrdinalIgnoreCase));
}
