using Microsoft.Data.Sqlite;

namespace QaBot.Core.Storage;

/// <summary>
/// Writes chunks inside a caller's transaction with prepared commands reused for every row:
/// the chunk row (FTS5 follows by trigger) and its vector, keyed by the same rowid.
/// </summary>
internal sealed class ChunkWriter : IDisposable
{
    private readonly string _collection;
    private readonly int _dimensions;
    private readonly SqliteCommand _upsertChunk;
    private readonly SqliteCommand _insertChunk;
    private readonly SqliteCommand _insertVector;
    private readonly SqliteCommand _deleteVector;
    private readonly SqliteCommand _deleteChunk;
    private readonly SqliteCommand _deleteDocumentChunks;

    public ChunkWriter(SqliteConnection connection, SqliteTransaction transaction, string collection, int dimensions)
    {
        _collection = collection;
        _dimensions = dimensions;
        _upsertChunk = Prepare(SqliteCommandBuilder.UpsertChunk(connection, collection), transaction);
        _insertChunk = Prepare(SqliteCommandBuilder.InsertChunk(connection, collection), transaction);
        _insertVector = Prepare(SqliteCommandBuilder.InsertVector(connection, collection), transaction);
        _deleteVector = Prepare(SqliteCommandBuilder.DeleteVector(connection, collection), transaction);
        _deleteChunk = Prepare(SqliteCommandBuilder.DeleteChunk(connection, collection), transaction);
        _deleteDocumentChunks = Prepare(SqliteCommandBuilder.DeleteDocumentChunks(connection, collection), transaction);
    }

    /// <summary>Inserts or replaces one chunk and its vector.</summary>
    public async Task UpsertAsync(ChunkRecord record, CancellationToken cancellationToken = default)
    {
        Validate(record);
        SqliteCommandBuilder.BindChunk(_upsertChunk, record);
        var rowid = (long)(await _upsertChunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

        // vec0 has no upsert: drop any vector the row had, then insert the new one.
        _deleteVector.Parameters[0].Value = rowid;
        await _deleteVector.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _insertVector.Parameters["$rowid"].Value = rowid;
        _insertVector.Parameters["$embedding"].Value = VectorBlob.ToBlob(record.Embedding.Span);
        await _insertVector.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts a chunk known to be absent (its document's chunks were just deleted in this
    /// transaction): one statement fewer per row than <see cref="UpsertAsync"/>.
    /// </summary>
    public async Task InsertAsync(ChunkRecord record, CancellationToken cancellationToken = default)
    {
        Validate(record);
        SqliteCommandBuilder.BindChunk(_insertChunk, record);
        var rowid = (long)(await _insertChunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        _insertVector.Parameters["$rowid"].Value = rowid;
        _insertVector.Parameters["$embedding"].Value = VectorBlob.ToBlob(record.Embedding.Span);
        await _insertVector.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes one chunk (row, vector, FTS entry); false when it did not exist.</summary>
    public async Task<bool> DeleteChunkAsync(string chunkId, CancellationToken cancellationToken = default)
    {
        _deleteChunk.Parameters[0].Value = chunkId;
        return await DeleteRowsAsync(_deleteChunk, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Deletes every chunk of a document; returns how many there were.</summary>
    public Task<int> DeleteDocumentChunksAsync(string documentId, CancellationToken cancellationToken = default)
    {
        _deleteDocumentChunks.Parameters[0].Value = documentId;
        return DeleteRowsAsync(_deleteDocumentChunks, cancellationToken);
    }

    public void Dispose()
    {
        _upsertChunk.Dispose();
        _insertChunk.Dispose();
        _insertVector.Dispose();
        _deleteVector.Dispose();
        _deleteChunk.Dispose();
        _deleteDocumentChunks.Dispose();
    }

    private async Task<int> DeleteRowsAsync(SqliteCommand deleteReturningRowids, CancellationToken cancellationToken)
    {
        var rowids = new List<long>();
        await using (var reader = await deleteReturningRowids.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rowids.Add(reader.GetInt64(0));
            }
        }

        foreach (var rowid in rowids)
        {
            _deleteVector.Parameters[0].Value = rowid;
            await _deleteVector.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return rowids.Count;
    }

    private void Validate(ChunkRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.ChunkId, nameof(record));
        if (record.Embedding.Length != _dimensions)
        {
            throw new ArgumentException(
                $"Chunk '{record.ChunkId}' has a {record.Embedding.Length}-dimension embedding; the collection '{_collection}' stores {_dimensions}.",
                nameof(record));
        }
    }

    private static SqliteCommand Prepare(SqliteCommand command, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        return command;
    }
}
