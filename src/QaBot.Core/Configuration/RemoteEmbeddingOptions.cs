namespace QaBot.Core.Configuration;

/// <summary>
/// An embedding endpoint (OpenAI, Azure OpenAI, Ollama). Keys come from user secrets or environment
/// variables (QaBot__Embeddings__OpenAI__ApiKey), never from a committed file.
/// </summary>
public sealed class RemoteEmbeddingOptions
{
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Requested output dimensions, where the model supports choosing them.</summary>
    public int? Dimensions { get; set; }
}
