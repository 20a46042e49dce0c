using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>
/// The document catalog (<c>documents</c>, <c>index_meta</c>) and the chunk collection
/// (<see cref="SqliteVecChunkCollection"/>'s tables) in one SQLite file. Writes use one transaction per
/// batch with commands prepared once per batch; WAL lets readers go on meanwhile, seeing each document
/// either before or after its replacement.
/// </summary>
public sealed class SqliteIndexCatalog : IIndexCatalog
{
    private readonly SqliteConnectionFactory _connections;
    private readonly string _collectionName;
    private readonly ILogger<SqliteIndexCatalog> _logger;
    private readonly TimeProvider _time;
    private volatile EmbeddingModelInfo? _model;

    public SqliteIndexCatalog(
        SqliteConnectionFactory connections, IOptions<StorageOptions> options, ILogger<SqliteIndexCatalog> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        SqliteCommandBuilder.ValidateName(options.Value.CollectionName);

        _connections = connections;
        _collectionName = options.Value.CollectionName;
        _logger = logger;
        _time = time;
    }

    public string DatabasePath => _connections.DatabasePath;

    public string Location => DatabasePath;

    public async Task InitializeAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await InitializeCoreAsync(connection, model, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Initialize", SqliteCatalogCommandBuilder.MetaTable);
        }

        _model = model;
        _logger.IndexInitialized(DatabasePath, model);
    }

    public async Task ResetAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var dropChunks = SqliteCommandBuilder.DropCollection(connection, _collectionName))
            {
                await dropChunks.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var dropCatalog = SqliteCatalogCommandBuilder.DropCatalog(connection))
            {
                await dropCatalog.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await InitializeCoreAsync(connection, model, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Reset", _collectionName);
        }

        _model = model;
        _logger.IndexReset(DatabasePath);
    }

    public Task<EmbeddingModelInfo?> GetEmbeddingModelAsync(CancellationToken cancellationToken = default) =>
        ReadCatalogAsync<EmbeddingModelInfo?>("GetEmbeddingModel", SqliteCatalogCommandBuilder.MetaTable, null, async connection =>
        {
            var meta = await ReadMetaAsync(connection, cancellationToken).ConfigureAwait(false);
            return IndexSchema.ModelIn(meta);
        }, cancellationToken);

    public Task<string?> GetCorpusAsync(CancellationToken cancellationToken = default) =>
        ReadCatalogAsync<string?>("GetCorpus", SqliteCatalogCommandBuilder.MetaTable, null, async connection =>
            (await ReadMetaAsync(connection, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(IndexSchema.CorpusKey), cancellationToken);

    public async Task SetCorpusAsync(string corpus, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(corpus);
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await WriteMetaAsync(connection, IndexSchema.CorpusKey, corpus, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "SetCorpus", SqliteCatalogCommandBuilder.MetaTable);
        }
    }

    public Task<IReadOnlyDictionary<string, string>> GetDocumentHashesAsync(CancellationToken cancellationToken = default) =>
        ReadCatalogAsync<IReadOnlyDictionary<string, string>>("GetDocumentHashes", SqliteCatalogCommandBuilder.DocumentsTable, new Dictionary<string, string>(), async connection =>
        {
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var command = SqliteCatalogCommandBuilder.SelectDocumentHashes(connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                hashes[reader.GetString(0)] = reader.GetString(1);
            }

            return hashes;
        }, cancellationToken);

    public async Task<IIndexWriteBatch> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        var model = RequireModel();
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var chunks = new SqliteVecChunkCollection(_connections, _collectionName, model.Dimensions, connection, transaction);
            return new SqliteIndexWriteBatch(connection, transaction, chunks, _time, _logger);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw StorageException.Wrap(ex, "BeginWrite", _collectionName);
        }
    }

    public async Task<int> UpdateDocumentHashesAsync(IReadOnlyDictionary<string, string> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count == 0 || !_connections.DatabaseExists)
        {
            return 0;
        }

        var updated = 0;
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var update = SqliteCatalogCommandBuilder.UpdateDocumentHash(connection))
            {
                update.Transaction = transaction;
                foreach (var (id, hash) in hashes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    update.Parameters["$id"].Value = id;
                    update.Parameters["$content_hash"].Value = hash;
                    updated += await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "UpdateDocumentHashes", SqliteCatalogCommandBuilder.DocumentsTable);
        }

        return updated;
    }

    public Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return ReadCatalogAsync<StoredDocument?>("GetDocument", SqliteCatalogCommandBuilder.DocumentsTable, null, async connection =>
        {
            await using var command = SqliteCatalogCommandBuilder.SelectDocument(connection, documentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new StoredDocument(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.IsDBNull(7) ? null : reader.GetString(7));
        }, cancellationToken);
    }

    public async Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var model = await GetEmbeddingModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return new IndexStats(0, 0, null, DatabaseBytes(), DatabasePath);
        }

        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var countDocuments = SqliteCatalogCommandBuilder.CountDocuments(connection);
            var documents = (long)(await countDocuments.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await using var countChunks = SqliteCommandBuilder.CountChunks(connection, _collectionName);
            var chunks = (long)(await countChunks.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return new IndexStats(documents, chunks, model, DatabaseBytes(), DatabasePath);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "GetStats", _collectionName);
        }
    }

    /// <summary>
    /// One read of the catalog: <paramref name="whenNoCatalog"/> when there is no database file or no
    /// catalog in it yet, SQLite errors wrapped with the operation and table.
    /// </summary>
    private async Task<T> ReadCatalogAsync<T>(string operation, string table, T whenNoCatalog, Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        if (!_connections.DatabaseExists)
        {
            return whenNoCatalog;
        }

        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await CatalogExistsAsync(connection, cancellationToken).ConfigureAwait(false)
                ? await read(connection).ConfigureAwait(false)
                : whenNoCatalog;
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, operation, table);
        }
    }

    private async Task InitializeCoreAsync(SqliteConnection connection, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        await using (var create = SqliteCatalogCommandBuilder.CreateCatalog(connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var meta = await ReadMetaAsync(connection, cancellationToken).ConfigureAwait(false);
        if (meta.Count == 0)
        {
            foreach (var (key, value) in IndexSchema.MetaFor(model))
            {
                await WriteMetaAsync(connection, key, value, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (IndexSchema.Mismatch(meta, model) is { } stored)
        {
            _logger.IndexMismatch(DatabasePath, stored, model);
            throw IndexSchema.MismatchError(DatabasePath, stored, model);
        }

        // The catalog only says what the chunk tables hold. If they were dropped behind its back
        // (EnsureCollectionDeletedAsync on the collection, or a partial manual repair), start the
        // chunk tables afresh and forget the catalog rows so every document is indexed again.
        long chunkTables;
        await using (var count = SqliteCommandBuilder.CountCollectionTables(connection, _collectionName))
        {
            chunkTables = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (chunkTables < 3)
        {
            await using (var drop = SqliteCommandBuilder.DropCollection(connection, _collectionName))
            {
                await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var forget = SqliteCatalogCommandBuilder.DeleteAllDocuments(connection);
            if (await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                _logger.ChunkTablesMissing(DatabasePath);
            }
        }

        var collection = new SqliteVecChunkCollection(_connections, _collectionName, model.Dimensions);
        await collection.EnsureCollectionExistsAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> CatalogExistsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = SqliteCatalogCommandBuilder.CountCatalogTables(connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 2;
    }

    private static async Task<Dictionary<string, string>> ReadMetaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = SqliteCatalogCommandBuilder.SelectMeta(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            meta[reader.GetString(0)] = reader.GetString(1);
        }

        return meta;
    }

    private static async Task WriteMetaAsync(SqliteConnection connection, string key, string value, CancellationToken cancellationToken)
    {
        await using var command = SqliteCatalogCommandBuilder.UpsertMeta(connection, key, value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private EmbeddingModelInfo RequireModel() =>
        _model ?? throw new InvalidOperationException($"The index store must be initialized ({nameof(InitializeAsync)}) before it is written to.");

    private long DatabaseBytes()
    {
        long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
        return Size(DatabasePath) + Size(DatabasePath + "-wal");
    }
}
