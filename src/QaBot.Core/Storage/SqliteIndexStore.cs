using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Storage;

/// <summary>
/// The document catalog (<c>documents</c>, <c>index_meta</c>) and the chunk collection
/// (<see cref="SqliteVecChunkCollection"/>'s tables) in one SQLite file. Writes use one transaction per
/// batch with commands prepared once per batch; WAL lets readers go on meanwhile, seeing each document
/// either before or after its replacement.
/// </summary>
public sealed class SqliteIndexStore : IIndexStore
{
    /// <summary>
    /// 2: the keyword index holds the analyzer's terms (<see cref="Text.TermAnalyzer.Version"/> is
    /// recorded with it, so a new analyzer rebuilds the index too). 3: chunks and documents keep the
    /// article's own URL; the meta table records the corpus.
    /// </summary>
    internal const int SchemaVersion = 3;

    /// <summary>What the schema check compares: the table layout and the analyzer that filled the keyword index.</summary>
    internal static string SchemaSignature => SchemaVersion.ToString(CultureInfo.InvariantCulture) + "/" + Text.TermAnalyzer.Version;
    private const string ModelKey = "embedding_model";
    private const string DimensionsKey = "embedding_dimensions";
    private const string SchemaVersionKey = "schema_version";
    private const string CorpusKey = "corpus";

    private readonly SqliteConnectionFactory _connections;
    private readonly string _collectionName;
    private readonly ILogger<SqliteIndexStore> _logger;
    private readonly TimeProvider _time;
    private volatile EmbeddingModelInfo? _model;

    public SqliteIndexStore(
        SqliteConnectionFactory connections, IOptions<StorageOptions> options, ILogger<SqliteIndexStore> logger, TimeProvider time)
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
            return meta.TryGetValue(ModelKey, out var id)
                && meta.TryGetValue(DimensionsKey, out var dims)
                && int.TryParse(dims, NumberStyles.Integer, CultureInfo.InvariantCulture, out var dimensions)
                    ? new EmbeddingModelInfo(id, dimensions)
                    : null;
        }, cancellationToken);

    public Task<string?> GetCorpusAsync(CancellationToken cancellationToken = default) =>
        ReadCatalogAsync<string?>("GetCorpus", SqliteCatalogCommandBuilder.MetaTable, null, async connection =>
            (await ReadMetaAsync(connection, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(CorpusKey), cancellationToken);

    public async Task SetCorpusAsync(string corpus, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(corpus);
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await WriteMetaAsync(connection, CorpusKey, corpus, cancellationToken).ConfigureAwait(false);
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

    public async Task ReplaceDocumentsAsync(IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return;
        }

        var model = RequireModel();
        foreach (var item in documents)
        {
            foreach (var chunk in item.Chunks)
            {
                if (!string.Equals(chunk.DocumentId, item.Document.Id, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Chunk '{chunk.ChunkId}' belongs to '{chunk.DocumentId}', not to document '{item.Document.Id}'.", nameof(documents));
                }
            }
        }

        int chunksWritten = 0, chunksRemoved = 0;
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using (var chunks = new ChunkWriter(connection, transaction, _collectionName, model.Dimensions))
            await using (var upsertDocument = SqliteCatalogCommandBuilder.UpsertDocument(connection))
            {
                upsertDocument.Transaction = transaction;
                var indexedAt = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
                foreach (var item in documents)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    chunksRemoved += await chunks.DeleteDocumentChunksAsync(item.Document.Id, cancellationToken).ConfigureAwait(false);
                    foreach (var chunk in item.Chunks)
                    {
                        await chunks.InsertAsync(chunk, cancellationToken).ConfigureAwait(false);
                    }

                    chunksWritten += item.Chunks.Count;

                    // The catalog row, with the content hash, goes last: a document counts as indexed
                    // only once its chunks are in (and all of it commits together anyway).
                    var document = item.Document;
                    upsertDocument.Parameters["$id"].Value = document.Id;
                    upsertDocument.Parameters["$title"].Value = document.Title;
                    upsertDocument.Parameters["$published_date"].Value =
                        (object?)document.PublishedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value;
                    upsertDocument.Parameters["$source_path"].Value = document.SourcePath;
                    upsertDocument.Parameters["$content_hash"].Value = document.ContentHash;
                    upsertDocument.Parameters["$text"].Value = document.Text;
                    upsertDocument.Parameters["$indexed_at"].Value = indexedAt;
                    upsertDocument.Parameters["$url"].Value = (object?)document.Url ?? DBNull.Value;
                    await upsertDocument.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "ReplaceDocuments", _collectionName);
        }

        _logger.DocumentsReplaced(documents.Count, chunksWritten, chunksRemoved);
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

    public async Task<int> DeleteDocumentsAsync(IEnumerable<string> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var ids = documentIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0 || !_connections.DatabaseExists)
        {
            return 0;
        }

        var model = RequireModel();
        int documentsDeleted = 0, chunksDeleted = 0;
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using (var chunks = new ChunkWriter(connection, transaction, _collectionName, model.Dimensions))
            await using (var deleteDocument = SqliteCatalogCommandBuilder.DeleteDocument(connection))
            {
                deleteDocument.Transaction = transaction;
                foreach (var id in ids)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    chunksDeleted += await chunks.DeleteDocumentChunksAsync(id, cancellationToken).ConfigureAwait(false);
                    deleteDocument.Parameters[0].Value = id;
                    documentsDeleted += await deleteDocument.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "DeleteDocuments", SqliteCatalogCommandBuilder.DocumentsTable);
        }

        _logger.DocumentsDeleted(documentsDeleted, chunksDeleted);
        return documentsDeleted;
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

    public async Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(IEnumerable<string> chunkIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        var ids = chunkIds.ToList();
        if (ids.Count == 0 || !_connections.DatabaseExists)
        {
            return [];
        }

        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await ChunkRecordReader.ReadByChunkIdsAsync(connection, _collectionName, ids, includeVectors: false, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "GetChunks", _collectionName);
        }
    }

    public async Task<IReadOnlyList<ChunkRecord>> GetDocumentChunksAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        if (!_connections.DatabaseExists)
        {
            return [];
        }

        var records = new List<ChunkRecord>();
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = SqliteCommandBuilder.SelectWhere(connection, _collectionName, r => r.DocumentId == documentId, int.MaxValue, 0, includeVectors: false);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(ChunkRecordReader.Read(reader));
            }
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "GetDocumentChunks", _collectionName);
        }

        return records;
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
            await WriteMetaAsync(connection, ModelKey, model.ModelId, cancellationToken).ConfigureAwait(false);
            await WriteMetaAsync(connection, DimensionsKey, model.Dimensions.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            await WriteMetaAsync(connection, SchemaVersionKey, SchemaSignature, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var storedModel = meta.GetValueOrDefault(ModelKey);
            var storedDimensions = meta.GetValueOrDefault(DimensionsKey);
            var storedSchema = meta.GetValueOrDefault(SchemaVersionKey);
            if (storedModel != model.ModelId
                || storedDimensions != model.Dimensions.ToString(CultureInfo.InvariantCulture)
                || storedSchema != SchemaSignature)
            {
                var stored = $"{storedModel ?? "an unknown model"} ({storedDimensions ?? "?"} dimensions, schema {storedSchema ?? "?"})";
                _logger.IndexMismatch(DatabasePath, stored, model);
                throw new IndexMismatchException(
                    $"The index in '{DatabasePath}' was built with {stored}, but the configured embedding model is {model} "
                    + $"(schema {SchemaSignature}). Vectors from different models or keyword terms from another analyzer cannot be mixed: run `qabot index --rebuild` to re-index.");
            }
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
        await collection.EnsureCollectionExistsAsync(connection, cancellationToken).ConfigureAwait(false);
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
