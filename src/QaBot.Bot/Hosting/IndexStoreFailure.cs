using Microsoft.Data.Sqlite;
using QaBot.Core.Storage;

namespace QaBot.Bot.Hosting;

/// <summary>Which exceptions mean the index store itself failed (rather than a bug, a remote service or a cancellation).</summary>
public static class IndexStoreFailure
{
    public static bool IsStoreFailure(Exception exception) => exception switch
    {
        StorageException or SqliteException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStoreFailure),
        _ => exception.InnerException is { } inner && IsStoreFailure(inner),
    };
}
