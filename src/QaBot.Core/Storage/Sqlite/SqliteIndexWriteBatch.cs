using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>
/// One SQLite write transaction: the chunk collection bound to it, and the catalog rows written with its
/// own prepared commands. WAL lets readers go on meanwhile, seeing the state before the commit.
/// </summary>
internal sealed class SqliteIndexWriteBatch : IIndexWriteBatch
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteVecChunkCollection _chunks;
    private readonly ILogger _logger;
    private readonly string _indexedAt;
    private SqliteCommand? _upsertDocument;
    private SqliteCommand? _deleteDocument;
    private int _documentsWritten;
    private int _documentsRemoved;
    private bool _committed;

    public SqliteIndexWriteBatch(SqliteConnection connection, SqliteTransaction transaction, SqliteVecChunkCollection chunks, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _transaction = transaction;
        _chunks = chunks;
        _logger = logger;
        _indexedAt = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
    }

    public VectorStoreCollection<string, ChunkRecord> Chunks => _chunks;

    public async Task PutDocumentAsync(SourceDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        _upsertDocument ??= Enlist(SqliteCatalogCommandBuilder.UpsertDocument(_connection));
        _upsertDocument.Parameters["$id"].Value = document.Id;
        _upsertDocument.Parameters["$title"].Value = document.Title;
        _upsertDocument.Parameters["$published_date"].Value =
            (object?)document.PublishedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value;
        _upsertDocument.Parameters["$source_path"].Value = document.SourcePath;
        _upsertDocument.Parameters["$content_hash"].Value = document.ContentHash;
        _upsertDocument.Parameters["$text"].Value = document.Text;
        _upsertDocument.Parameters["$indexed_at"].Value = _indexedAt;
        _upsertDocument.Parameters["$url"].Value = (object?)document.Url ?? DBNull.Value;
        await ExecuteAsync("PutDocument", _upsertDocument, cancellationToken).ConfigureAwait(false);
        _documentsWritten++;
    }

    public async Task<bool> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        _deleteDocument ??= Enlist(SqliteCatalogCommandBuilder.DeleteDocument(_connection));
        _deleteDocument.Parameters[0].Value = documentId;
        var removed = await ExecuteAsync("RemoveDocument", _deleteDocument, cancellationToken).ConfigureAwait(false) > 0;
        _documentsRemoved += removed ? 1 : 0;
        return removed;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Commit", SqliteCatalogCommandBuilder.DocumentsTable);
        }

        _committed = true;
        _logger.BatchCommitted(_documentsWritten, _documentsRemoved);
    }

    public async ValueTask DisposeAsync()
    {
        _chunks.ReleaseWriter();
        _upsertDocument?.Dispose();
        _deleteDocument?.Dispose();
        if (!_committed)
        {
            await _transaction.RollbackAsync().ConfigureAwait(false);
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private SqliteCommand Enlist(SqliteCommand command)
    {
        command.Transaction = _transaction;
        return command;
    }

    private static async Task<int> ExecuteAsync(string operation, SqliteCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, operation, SqliteCatalogCommandBuilder.DocumentsTable);
        }
    }
}
