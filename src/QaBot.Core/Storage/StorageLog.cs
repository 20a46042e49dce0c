using Microsoft.Extensions.Logging;

namespace QaBot.Core.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Index {DatabasePath} initialized for {EmbeddingModel}")]
    public static partial void IndexInitialized(this ILogger logger, string databasePath, EmbeddingModelInfo embeddingModel);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Index {DatabasePath} was reset: every document, chunk and vector was dropped")]
    public static partial void IndexReset(this ILogger logger, string databasePath);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Committed a write batch: {DocumentCount} catalog rows written, {RemovedDocumentCount} removed")]
    public static partial void BatchCommitted(this ILogger logger, int documentCount, int removedDocumentCount);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Index {DatabasePath} was built with {StoredModel}, not the configured {ConfiguredModel}")]
    public static partial void IndexMismatch(this ILogger logger, string databasePath, string storedModel, EmbeddingModelInfo configuredModel);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "PostgreSQL schema {Schema} migrated to version {Version}")]
    public static partial void SchemaMigrated(this ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "The chunk tables of {DatabasePath} were missing or incomplete; the catalog was cleared so every document is indexed again")]
    public static partial void ChunkTablesMissing(this ILogger logger, string databasePath);
}
