using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Bot.Hosting;

/// <summary>
/// Tells readiness when the index store fails and when it works again. A query that fails reading the
/// store marks the index unreadable (logged once, with how to rebuild it); a probe — one small retrieval,
/// the same reads a question makes — marks it readable again when it succeeds. The retriever is resolved
/// only when a probe runs, so hosts that never need one do not build it (and load its embedding model) at start.
/// </summary>
public sealed partial class IndexStoreProbe(
    IServiceProvider services,
    IndexReadiness readiness,
    IOptions<StorageOptions> storage,
    QaBotRoot root,
    TimeProvider timeProvider,
    ILogger<IndexStoreProbe> logger)
{
    /// <summary>Shortest time between two probes of an unreadable store.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(5);

    private const string ProbeQuery = "news article index readiness";

    private readonly SemaphoreSlim _probing = new(1, 1);
    private long _lastProbeTicks = DateTimeOffset.MinValue.UtcTicks;

    public string DatabasePath => root.Resolve(storage.Value.DatabasePath);

    /// <summary>Records that a query could not read the store.</summary>
    public void ReportFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (readiness.MarkUnreadable(exception.GetType().Name))
        {
            Volatile.Write(ref _lastProbeTicks, timeProvider.GetUtcNow().UtcTicks);
            LogStoreUnreadable(logger, exception, DatabasePath);
        }
    }

    /// <summary>Probes the store unless a probe runs or ran less than <see cref="MinimumInterval"/> ago.</summary>
    public async Task ProbeIfDueAsync(CancellationToken cancellationToken = default)
    {
        if (!readiness.IsUnreadable
            || timeProvider.GetUtcNow().UtcTicks - Volatile.Read(ref _lastProbeTicks) < MinimumInterval.Ticks
            || !await _probing.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            Volatile.Write(ref _lastProbeTicks, timeProvider.GetUtcNow().UtcTicks);
            await services.GetRequiredService<IRetriever>().RetrieveAsync(ProbeQuery, topK: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (readiness.MarkReadable())
            {
                LogStoreReadable(logger, DatabasePath);
            }
        }
        catch (Exception ex) when (IndexStoreFailure.IsStoreFailure(ex))
        {
            LogStillUnreadable(logger, ex.GetType().Name);
        }
        finally
        {
            _probing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The index at {DatabasePath} cannot be read, so the bot cannot answer and /readyz reports 503 until it can. "
        + "To rebuild it, run `qabot index --rebuild`; if that fails too, stop the bot, delete {DatabasePath} and its -wal and -shm files, and start the bot again (it indexes the corpus at start). "
        + "The bot becomes ready by itself once the index can be read.")]
    private static partial void LogStoreUnreadable(ILogger logger, Exception exception, string databasePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "The index at {DatabasePath} can be read again: the bot is ready")]
    private static partial void LogStoreReadable(ILogger logger, string databasePath);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The index still cannot be read ({Error})")]
    private static partial void LogStillUnreadable(ILogger logger, string error);
}
