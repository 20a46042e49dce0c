using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;

namespace QaBot.Core.Storage;

/// <summary>A SQLite error with the storage operation and table it happened in.</summary>
public sealed class StorageException : VectorStoreException
{
    public StorageException(string message, string operation, Exception? innerException = null, string? table = null)
        : base(message, innerException)
    {
        VectorStoreSystemName = "sqlite";
        OperationName = operation;
        CollectionName = table;
    }

    /// <summary>Wraps a <see cref="SqliteException"/> with what was being done, and where.</summary>
    internal static StorageException Wrap(SqliteException exception, string operation, string table)
    {
        var hint = exception.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase)
            ? " The index has not been built yet: run `qabot index`."
            : string.Empty;
        return new($"SQLite failed during {operation} on '{table}': {exception.Message}.{hint}", operation, exception, table);
    }
}
