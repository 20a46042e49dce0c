using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>Which embedding generator builds the vectors. The default, "Glove", is fully offline.</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "QaBot:Embeddings";

    /// <summary>"Glove" (offline default), "Onnx" (offline neural encoder), "OpenAI", "AzureOpenAI" or "Ollama".</summary>
    [Required]
    public string Provider { get; set; } = "Glove";

    public GloveEmbeddingOptions Glove { get; set; } = new();

    /// <summary>The offline neural sentence encoder: the index's embeddings when Provider is "Onnx", and the answer step's encoder always.</summary>
    public OnnxEncoderOptions Onnx { get; set; } = new();

    public RemoteEmbeddingOptions OpenAI { get; set; } = new() { Model = "text-embedding-3-small" };

    public RemoteEmbeddingOptions AzureOpenAI { get; set; } = new();

    public RemoteEmbeddingOptions Ollama { get; set; } = new() { Endpoint = "http://localhost:11434", Model = "nomic-embed-text" };

    /// <summary>Texts embedded per call while indexing.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 256;
}
