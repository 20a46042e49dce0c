using System.Data.Common;
using Microsoft.Extensions.VectorData;

namespace QaBot.Core.Storage;

/// <summary>A database error with the storage operation and table it happened in.</summary>
public sealed class StorageException : VectorStoreException
{
    public StorageException(string message, string operation, Exception? innerException = null, string? table = null, string systemName = "sqlite")
        : base(message, innerException)
    {
        VectorStoreSystemName = systemName;
        OperationName = operation;
        CollectionName = table;
    }

    /// <summary>Wraps a database error with what was being done, and where.</summary>
    internal static StorageException Wrap(DbException exception, string operation, string table, string systemName = "sqlite")
    {
        var missing = exception.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase)
            || exception.SqlState == "42P01"; // PostgreSQL: undefined_table
        var hint = missing ? " The index has not been built yet: run `qabot index`." : string.Empty;
        var engine = systemName == "sqlite" ? "SQLite" : "PostgreSQL";
        return new($"{engine} failed during {operation} on '{table}': {exception.Message}.{hint}", operation, exception, table, systemName);
    }
}
