using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Answering.Encoding;
using QaBot.Core.Answering.Model;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings.Onnx;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>The real extractive composer outside a container: the repository's encoder and answer model, each loaded on first use.</summary>
public static class ComposerFactory
{
    public static ExtractiveAnswerComposer Extractive(IOptions<AnsweringOptions> options)
    {
        var root = new QaBotRoot(QaBotPaths.FindRoot());
        var encoder = new SentenceEncoderHost(Options.Create(new EmbeddingOptions()), root, NullLogger<SentenceEncoderHost>.Instance);
        return new ExtractiveAnswerComposer(new AnswerEncoder(encoder), new AnswerModelHost(options, root), options);
    }
}
