using Microsoft.Extensions.Logging;

namespace QaBot.Core.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Index database {DatabasePath} initialized for {EmbeddingModel}")]
    public static partial void IndexInitialized(this ILogger logger, string databasePath, EmbeddingModelInfo embeddingModel);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Index database {DatabasePath} was reset: every document, chunk and vector was dropped")]
    public static partial void IndexReset(this ILogger logger, string databasePath);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Stored {DocumentCount} documents with {ChunkCount} chunks ({RemovedChunkCount} old chunks replaced)")]
    public static partial void DocumentsReplaced(this ILogger logger, int documentCount, int chunkCount, int removedChunkCount);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Removed {DocumentCount} documents and {ChunkCount} chunks from the index")]
    public static partial void DocumentsDeleted(this ILogger logger, int documentCount, int chunkCount);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Index database {DatabasePath} was built with {StoredModel}, not the configured {ConfiguredModel}")]
    public static partial void IndexMismatch(this ILogger logger, string databasePath, string storedModel, EmbeddingModelInfo configuredModel);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "The chunk tables of {DatabasePath} were missing or incomplete; the catalog was cleared so every document is indexed again")]
    public static partial void ChunkTablesMissing(this ILogger logger, string databasePath);
}
