using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using QaBot.Core.Configuration;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// The document catalog (<c>documents</c>, <c>index_meta</c>) beside the PostgreSQL chunk collection, in
/// one database that several QaBot processes share. Initialization runs under the migrations' advisory
/// lock, so replicas starting together record the model once and create the chunk table once.
/// </summary>
public sealed class PostgresIndexCatalog : IIndexCatalog
{
    private const string MetaTable = "index_meta";
    private const string DocumentsTable = "documents";

    private readonly PostgresDatabase _database;
    private readonly string _collectionName;
    private readonly ILogger<PostgresIndexCatalog> _logger;
    private readonly TimeProvider _time;
    private volatile EmbeddingModelInfo? _model;

    public PostgresIndexCatalog(PostgresDatabase database, IOptions<StorageOptions> options, ILogger<PostgresIndexCatalog> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _ = PostgresCommandBuilder.Quote(options.Value.CollectionName);
        _database = database;
        _collectionName = options.Value.CollectionName;
        _logger = logger;
        _time = time;
    }

    public string Location => _database.Location;

    private string Meta => PostgresCommandBuilder.Table(_database.Schema, MetaTable);

    private string Documents => PostgresCommandBuilder.Table(_database.Schema, DocumentsTable);

    public async Task InitializeAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await InWriteTransactionAsync("Initialize", MetaTable, (connection, transaction) => InitializeCoreAsync(connection, transaction, model, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        _model = model;
        _logger.IndexInitialized(Location, model);
    }

    public async Task ResetAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await InWriteTransactionAsync("Reset", _collectionName, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, PostgresCommandBuilder.DropCollectionSql(_database.Schema, _collectionName), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"DELETE FROM {Documents}; DELETE FROM {Meta};", cancellationToken).ConfigureAwait(false);
            await InitializeCoreAsync(connection, transaction, model, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _model = model;
        _logger.IndexReset(Location);
    }

    public async Task<EmbeddingModelInfo?> GetEmbeddingModelAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return IndexSchema.ModelIn(await ReadMetaAsync(connection, null, cancellationToken).ConfigureAwait(false));
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, "GetEmbeddingModel", MetaTable, "postgresql");
        }
    }

    public async Task<string?> GetCorpusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await ReadMetaAsync(connection, null, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(IndexSchema.CorpusKey);
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, "GetCorpus", MetaTable, "postgresql");
        }
    }

    public async Task SetCorpusAsync(string corpus, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(corpus);
        await InWriteTransactionAsync("SetCorpus", MetaTable, async (connection, transaction) =>
        {
            await using var write = PostgresCommandBuilder.Command(
                connection, $"INSERT INTO {Meta} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value;", IndexSchema.CorpusKey, corpus);
            write.Transaction = transaction;
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetDocumentHashesAsync(CancellationToken cancellationToken = default)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = PostgresCommandBuilder.Command(connection, $"SELECT id, content_hash FROM {Documents};");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                hashes[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, "GetDocumentHashes", DocumentsTable, "postgresql");
        }

        return hashes;
    }

    public async Task<int> UpdateDocumentHashesAsync(IReadOnlyDictionary<string, string> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count == 0)
        {
            return 0;
        }

        var updated = 0;
        await InWriteTransactionAsync("UpdateDocumentHashes", DocumentsTable, async (connection, transaction) =>
        {
            await using var command = PostgresCommandBuilder.Command(connection, $"""
                UPDATE {Documents} AS d SET content_hash = u.hash
                FROM unnest($1::text[], $2::text[]) AS u(id, hash) WHERE d.id = u.id;
                """);
            command.Transaction = transaction;
            command.Parameters.Add(new NpgsqlParameter { Value = hashes.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = hashes.Values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            updated = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    public async Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = PostgresCommandBuilder.Command(
                connection,
                $"SELECT id, title, published_date, source_path, content_hash, text, indexed_at, url FROM {Documents} WHERE id = $1;",
                documentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new StoredDocument(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
                reader.IsDBNull(7) ? null : reader.GetString(7));
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, "GetDocument", DocumentsTable, "postgresql");
        }
    }

    public async Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var model = await GetEmbeddingModelAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var size = PostgresCommandBuilder.Command(connection, "SELECT pg_database_size(current_database());");
            var bytes = (long)(await size.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (model is null)
            {
                return new IndexStats(0, 0, null, bytes, Location);
            }

            await using var count = PostgresCommandBuilder.Command(
                connection,
                $"SELECT (SELECT count(*) FROM {Documents}), (SELECT chunks FROM {PostgresCommandBuilder.Totals(_database.Schema, _collectionName)} WHERE id = 1);");
            await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new IndexStats(reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1), model, bytes, Location);
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, "GetStats", _collectionName, "postgresql");
        }
    }

    public async Task<IIndexWriteBatch> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        var model = _model ?? throw new InvalidOperationException($"The index catalog must be initialized ({nameof(InitializeAsync)}) before it is written to.");
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var chunks = new PostgresChunkCollection(_database, _collectionName, model.Dimensions, connection, transaction);
            return new PostgresIndexWriteBatch(connection, transaction, chunks, Documents, _time, _logger);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeCoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresMigrations.LockKey});", cancellationToken).ConfigureAwait(false);
        var meta = await ReadMetaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (meta.Count == 0)
        {
            foreach (var (key, value) in IndexSchema.MetaFor(model))
            {
                await using var write = PostgresCommandBuilder.Command(
                    connection, $"INSERT INTO {Meta} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value;", key, value);
                write.Transaction = transaction;
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else if (IndexSchema.Mismatch(meta, model) is { } stored)
        {
            _logger.IndexMismatch(Location, stored, model);
            throw IndexSchema.MismatchError(Location, stored, model);
        }

        // The catalog only says what the chunk table holds: when the table is new (dropped behind the
        // catalog's back, or never made), every document must be indexed again.
        var collection = new PostgresChunkCollection(_database, _collectionName, model.Dimensions, connection, transaction);
        if (await collection.EnsureCollectionExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            await using var forget = PostgresCommandBuilder.Command(connection, $"DELETE FROM {Documents};");
            forget.Transaction = transaction;
            if (await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                _logger.ChunkTablesMissing(Location);
            }
        }
    }

    private async Task<Dictionary<string, string>> ReadMetaAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = PostgresCommandBuilder.Command(connection, $"SELECT key, value FROM {Meta};");
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            meta[reader.GetString(0)] = reader.GetString(1);
        }

        return meta;
    }

    private async Task InWriteTransactionAsync(string operation, string table, Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, operation, table, "postgresql");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = PostgresCommandBuilder.Command(connection, sql);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
