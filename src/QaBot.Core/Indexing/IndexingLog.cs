using Microsoft.Extensions.Logging;

namespace QaBot.Core.Indexing;

internal static partial class IndexingLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Skipped {FilePath}: {Reason}")]
    public static partial void FileSkipped(this ILogger logger, string filePath, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Indexing {CorpusPath}: {FileCount} files listed, {FilesToRead} to read (the others are unchanged by their stamp; rebuild: {Rebuild})")]
    public static partial void IndexStarted(this ILogger logger, string corpusPath, int fileCount, int filesToRead, bool rebuild);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Indexed {DocumentCount} documents: {IndexedCount} new or changed, {UnchangedCount} unchanged, {RemovedCount} removed, {FilesRead} files read, {RestampedCount} new file stamps; {ChunkCount} chunks in {ElapsedMs} ms (read {ReadMs} ms, chunk {ChunkMs} ms, embed {EmbedMs} ms, store {StoreMs} ms)")]
    public static partial void IndexCompleted(
        this ILogger logger, int documentCount, int indexedCount, int unchangedCount, int removedCount, int filesRead, int restampedCount,
        int chunkCount, long elapsedMs, long readMs, long chunkMs, long embedMs, long storeMs);
}
