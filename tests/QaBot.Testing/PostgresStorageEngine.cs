using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.VectorData;
using Npgsql;
using QaBot.Core.Configuration;
using QaBot.Core.Conversations;
using QaBot.Core.Storage;
using QaBot.Core.Storage.Postgres;

namespace QaBot.Testing;

/// <summary>The PostgreSQL engine: a schema of its own on the shared PGlite server (pgvector, tsvector), dropped at the end.</summary>
public sealed class PostgresStorageEngine : StorageEngine
{
    private PostgresDatabase? _database;
    private PgliteServer? _server;

    public PostgresStorageEngine(string collectionName = "chunks")
    {
        CollectionNameSetting = collectionName;
        Schema = "t_" + Guid.NewGuid().ToString("N");
    }

    public override string Name => "postgres";

    public string Schema { get; }

    public PostgresDatabase Database => _database ?? throw new InvalidOperationException("Call StartAsync first.");

    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("Call StartAsync first.");

    private string CollectionNameSetting { get; }

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["QaBot:Storage:Provider"] = StorageProviders.Postgres,
        ["QaBot:Storage:ConnectionString"] = ConnectionString,
        ["QaBot:Storage:Schema"] = Schema,
        ["QaBot:Storage:CollectionName"] = CollectionName,
    };

    public override async Task StartAsync()
    {
        _server = await PgliteServer.SharedAsync();
        Options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            Provider = StorageProviders.Postgres,
            ConnectionString = _server.ConnectionString,
            Schema = Schema,
            CollectionName = CollectionNameSetting,
        });
        _database = new PostgresDatabase(Options, NullLogger<PostgresDatabase>.Instance);
    }

    public override IIndexCatalog CreateCatalog() =>
        new PostgresIndexCatalog(Database, Options, NullLogger<PostgresIndexCatalog>.Instance, TimeProvider.System);

    public override VectorStoreCollection<string, ChunkRecord> CreateCollection(int dimensions) => new PostgresChunkCollection(Database, CollectionName, dimensions);

    public override IConversationStore CreateConversationStore(ConversationOptions options) =>
        new PostgresConversationStore(Database, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);

    public override async Task<(long Data, long Vectors, long Keywords)> CountRowsAsync()
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""SELECT count(*), count(embedding), count(*) FILTER (WHERE length(terms) > 0) FROM "{Schema}"."{CollectionName}";""", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public override async Task AssertConsistentAsync()
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT
                (SELECT chunks FROM "{Schema}"."{CollectionName}_totals") - (SELECT count(*) FROM "{Schema}"."{CollectionName}"),
                (SELECT terms FROM "{Schema}"."{CollectionName}_totals") - (SELECT coalesce(sum(term_count), 0) FROM "{Schema}"."{CollectionName}"),
                (SELECT count(*) FROM "{Schema}"."{CollectionName}" c WHERE NOT EXISTS (SELECT 1 FROM "{Schema}".documents d WHERE d.id = c.document_id));
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (chunkDrift, termDrift, orphans) = (reader.GetInt64(0), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(2));
        if (chunkDrift != 0 || termDrift != 0 || orphans != 0)
        {
            throw new InvalidOperationException($"Inconsistent index: totals off by {chunkDrift} chunks and {termDrift} terms, {orphans} chunks without a document.");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            try
            {
                // A connection of its own: the database's would migrate the schema first (and refuse one a test made "newer").
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"""DROP SCHEMA IF EXISTS "{Schema}" CASCADE;""", connection);
                await drop.ExecuteNonQueryAsync();
            }
            finally
            {
                await _database.DisposeAsync();
            }
        }

        await base.DisposeAsync();
    }
}
