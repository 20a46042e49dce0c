using QaBot.Core.Indexing;
using QaBot.Core.Storage;

namespace QaBot.Bot.Hosting;

/// <summary>
/// Brings the index up to date when the bot starts (only when it is missing or stale; rebuilt when it was
/// made with another embedding model), then marks the bot ready. When the corpus folder was emptied, the
/// index is kept as it was (the indexer refuses to delete it), a warning says so, and the bot answers from
/// it. A failure is logged and reported by /readyz; the process keeps serving /healthz.
/// </summary>
public sealed partial class CorpusIndexingService(
    ICorpusIndexer indexer,
    IndexReadiness readiness,
    IndexStoreProbe probe,
    ILogger<CorpusIndexingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await indexer.IsStaleAsync(stoppingToken).ConfigureAwait(false))
            {
                LogIndexing(logger);
                IndexReport report;
                try
                {
                    report = await indexer.IndexAsync(rebuild: false, progress: null, stoppingToken).ConfigureAwait(false);
                }
                catch (IndexMismatchException ex)
                {
                    // Built by another embedding model: its vectors are useless with this one, so start over.
                    LogRebuilding(logger, ex.Message);
                    report = await indexer.IndexAsync(rebuild: true, progress: null, stoppingToken).ConfigureAwait(false);
                }
                catch (IndexRefusedException ex) when (ex.Reason == IndexRefusal.CorpusEmpty)
                {
                    // The folder was emptied: the indexer left the index as it was, and the bot answers from it.
                    LogCorpusEmpty(logger, ex.Message);
                    readiness.MarkReady();
                    return;
                }

                LogIndexed(logger, report.DocumentsSeen, report.DocumentsEmbedded, report.ChunksWritten, report.Skipped.Count, report.Elapsed.TotalSeconds);
            }
            else
            {
                LogIndexCurrent(logger);
            }

            readiness.MarkReady();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            if (IndexStoreFailure.IsStoreFailure(ex))
            {
                LogIndexStoreFailed(logger, ex, probe.DatabasePath);
            }
            else
            {
                LogIndexFailed(logger, ex);
            }

            readiness.MarkFailed(ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The index is missing or stale: indexing the corpus before answering")]
    private static partial void LogIndexing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Documents} documents ({Embedded} embedded, {Chunks} chunks, {Skipped} skipped) in {Seconds:F1} s")]
    private static partial void LogIndexed(ILogger logger, int documents, int embedded, int chunks, int skipped, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuilding the index: {Reason}")]
    private static partial void LogRebuilding(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The index was not updated: {Reason} The bot answers from the index as it is.")]
    private static partial void LogCorpusEmpty(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The index is up to date")]
    private static partial void LogIndexCurrent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Indexing the corpus failed because the index at {DatabasePath} cannot be read or written; the bot is not ready and tells users the index is unavailable. "
        + "Free disk space or fix the folder's permissions if the error says so; otherwise rebuild the index: run `qabot index --rebuild`, and if that fails too, stop the bot, delete {DatabasePath} and its -wal and -shm files, and start the bot again")]
    private static partial void LogIndexStoreFailed(ILogger logger, Exception exception, string databasePath);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Indexing the corpus failed; the bot is not ready and tells users the index is unavailable. Fix the cause in the error below and restart the bot")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception);
}
