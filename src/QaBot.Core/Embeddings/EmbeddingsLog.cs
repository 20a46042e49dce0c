using Microsoft.Extensions.Logging;

namespace QaBot.Core.Embeddings;

internal static partial class EmbeddingsLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "GloVe cache {CachePath} was {Reason}; converted {SourcePath} ({WordCount} words × {Dimensions}) in {ElapsedMs} ms")]
    public static partial void GloveCacheBuilt(ILogger logger, string cachePath, string reason, string sourcePath, int wordCount, int dimensions, long elapsedMs);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Loaded GloVe vectors ({WordCount} words × {Dimensions}) from {CachePath} in {ElapsedMs} ms")]
    public static partial void GloveCacheLoaded(ILogger logger, string cachePath, int wordCount, int dimensions, long elapsedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "GloVe cache was built with SIF a = {CacheSifA}; recomputed the common component for a = {SifA} in {ElapsedMs} ms")]
    public static partial void GloveComponentRecomputed(ILogger logger, double cacheSifA, double sifA, long elapsedMs);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information,
        Message = "Embeddings: provider {Provider}, model {Model}, endpoint {Endpoint}")]
    public static partial void RemoteProviderSelected(ILogger logger, string provider, string model, string endpoint);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information,
        Message = "Embeddings: provider Glove, model {ModelId}, cache {CachePath}")]
    public static partial void GloveProviderSelected(ILogger logger, string modelId, string cachePath);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information,
        Message = "Embeddings: provider Onnx, model {ModelId} (offline neural encoder)")]
    public static partial void OnnxProviderSelected(ILogger logger, string modelId);
}
