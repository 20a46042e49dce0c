using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using Npgsql;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// One PostgreSQL write transaction: the chunk collection bound to it and the catalog rows. Readers in
/// other sessions keep seeing the state before the commit (MVCC) and are not blocked.
/// </summary>
internal sealed class PostgresIndexWriteBatch : IIndexWriteBatch
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly PostgresChunkCollection _chunks;
    private readonly string _documents;
    private readonly DateTimeOffset _indexedAt;
    private readonly ILogger _logger;
    private int _documentsWritten;
    private int _documentsRemoved;
    private bool _committed;

    public PostgresIndexWriteBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresChunkCollection chunks, string documentsTable, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _transaction = transaction;
        _chunks = chunks;
        _documents = documentsTable;
        _indexedAt = time.GetUtcNow();
        _logger = logger;
    }

    public VectorStoreCollection<string, ChunkRecord> Chunks => _chunks;

    public async Task PutDocumentAsync(SourceDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await ExecuteAsync("PutDocument", $"""
            INSERT INTO {_documents} (id, title, published_date, source_path, content_hash, text, indexed_at, url)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title,
                published_date = excluded.published_date,
                source_path = excluded.source_path,
                content_hash = excluded.content_hash,
                text = excluded.text,
                indexed_at = excluded.indexed_at,
                url = excluded.url;
            """,
            cancellationToken,
            document.Id,
            document.Title,
            (object?)document.PublishedDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? DBNull.Value,
            document.SourcePath,
            document.ContentHash,
            document.Text,
            _indexedAt,
            (object?)document.Url ?? DBNull.Value).ConfigureAwait(false);
        _documentsWritten++;
    }

    public async Task<bool> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        var removed = await ExecuteAsync("RemoveDocument", $"DELETE FROM {_documents} WHERE id = $1;", cancellationToken, documentId).ConfigureAwait(false) > 0;
        _documentsRemoved += removed ? 1 : 0;
        return removed;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, "Commit", "documents", "postgresql");
        }

        _committed = true;
        _logger.BatchCommitted(_documentsWritten, _documentsRemoved);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            try
            {
                await _transaction.RollbackAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection broke or the transaction already ended: the server rolls it back itself.
            }
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<int> ExecuteAsync(string operation, string sql, CancellationToken cancellationToken, params object[] values)
    {
        try
        {
            await using var command = PostgresCommandBuilder.Command(_connection, sql, values);
            command.Transaction = _transaction;
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, operation, "documents", "postgresql");
        }
    }
}
