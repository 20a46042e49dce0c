using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Configuration;
using QaBot.Core.Conversations;
using QaBot.Core.Storage;
using QaBot.Core.Storage.Sqlite;

namespace QaBot.Testing;

/// <summary>The SQLite engine: a database file in the temp root with the real sqlite-vec.</summary>
public sealed class SqliteStorageEngine : StorageEngine
{
    public SqliteStorageEngine(string collectionName = "chunks")
    {
        Options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = "data/qabot.db", CollectionName = collectionName });
        Connections = new SqliteConnectionFactory(Options, Root);
    }

    public override string Name => "sqlite";

    public SqliteConnectionFactory Connections { get; }

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["QaBot:Storage:Provider"] = StorageProviders.Sqlite,
        ["QaBot:Storage:DatabasePath"] = Connections.DatabasePath,
        ["QaBot:Storage:CollectionName"] = CollectionName,
    };

    public override Task StartAsync() => File.Exists(Connections.ExtensionPath)
        ? Task.CompletedTask
        : throw new InvalidOperationException($"sqlite-vec is missing at {Connections.ExtensionPath}: the storage tests need the real vec0.so (run dotnet build).");

    public override IIndexCatalog CreateCatalog() =>
        new SqliteIndexCatalog(Connections, Options, NullLogger<SqliteIndexCatalog>.Instance, TimeProvider.System);

    public override VectorStoreCollection<string, ChunkRecord> CreateCollection(int dimensions) => new SqliteVecChunkCollection(Connections, CollectionName, dimensions);

    public override IConversationStore CreateConversationStore(ConversationOptions options) =>
        new SqliteConversationStore(Microsoft.Extensions.Options.Options.Create(options), Root, TimeProvider.System);

    public override async Task<(long Data, long Vectors, long Keywords)> CountRowsAsync()
    {
        await using var connection = await Connections.OpenAsync();
        return (
            await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}\""),
            await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}_vec\""),
            await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}_fts_docsize\""));
    }

    public override async Task AssertConsistentAsync()
    {
        await using var connection = await Connections.OpenAsync();
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = $"INSERT INTO \"{CollectionName}_fts\" (\"{CollectionName}_fts\") VALUES ('integrity-check');";
            await check.ExecuteNonQueryAsync();
        }

        var orphanVectors = await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}_vec\" v WHERE NOT EXISTS (SELECT 1 FROM \"{CollectionName}\" c WHERE c.rowid = v.rowid)");
        var missingVectors = await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}\" c WHERE NOT EXISTS (SELECT 1 FROM \"{CollectionName}_vec\" v WHERE v.rowid = c.rowid)");
        var orphanChunks = await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}\" c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.document_id)");
        if (orphanVectors + missingVectors + orphanChunks != 0)
        {
            throw new InvalidOperationException($"Inconsistent index: {orphanVectors} orphan vectors, {missingVectors} chunks without vectors, {orphanChunks} chunks without a document.");
        }
    }

    public override ValueTask DisposeAsync()
    {
        // Only this database's pool: clearing all pools would close other tests' idle connections.
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Connections.DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate, Cache = SqliteCacheMode.Private, Pooling = true, DefaultTimeout = 10 }.ToString()))
        {
            SqliteConnection.ClearPool(connection);
        }

        return base.DisposeAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
