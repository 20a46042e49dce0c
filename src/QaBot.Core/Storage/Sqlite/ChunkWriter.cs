using Microsoft.Data.Sqlite;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>
/// Writes chunks inside a caller's transaction with prepared commands reused for every row:
/// the chunk row (FTS5 follows by trigger) and its vector, keyed by the same rowid.
/// </summary>
internal sealed class ChunkWriter : IDisposable
{
    private readonly string _collection;
    private readonly int _dimensions;
    private readonly SqliteCommand _insertChunk;
    private readonly SqliteCommand _updateChunk;
    private readonly SqliteCommand _insertVector;
    private readonly SqliteCommand _deleteVector;
    private readonly SqliteCommand _deleteChunk;

    public ChunkWriter(SqliteConnection connection, SqliteTransaction transaction, string collection, int dimensions)
    {
        _collection = collection;
        _dimensions = dimensions;
        _insertChunk = Prepare(SqliteCommandBuilder.InsertChunkIfAbsent(connection, collection), transaction);
        _updateChunk = Prepare(SqliteCommandBuilder.UpdateChunk(connection, collection), transaction);
        _insertVector = Prepare(SqliteCommandBuilder.InsertVector(connection, collection), transaction);
        _deleteVector = Prepare(SqliteCommandBuilder.DeleteVector(connection, collection), transaction);
        _deleteChunk = Prepare(SqliteCommandBuilder.DeleteChunk(connection, collection), transaction);
    }

    /// <summary>
    /// Inserts or replaces one chunk and its vector. A new chunk (the common case: the indexer deletes a
    /// document's chunks before writing its new ones) costs two statements; an existing one four.
    /// </summary>
    public async Task UpsertAsync(ChunkRecord record, CancellationToken cancellationToken = default)
    {
        Validate(record);
        SqliteCommandBuilder.BindChunk(_insertChunk, record);
        if (await _insertChunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long rowid)
        {
            // vec0 has no upsert: update the row, drop the vector it had, then insert the new one.
            SqliteCommandBuilder.BindChunk(_updateChunk, record);
            rowid = (long)(await _updateChunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            _deleteVector.Parameters[0].Value = rowid;
            await _deleteVector.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _insertVector.Parameters["$rowid"].Value = rowid;
        _insertVector.Parameters["$embedding"].Value = VectorBlob.ToBlob(record.Embedding.Span);
        await _insertVector.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes one chunk (row, vector, FTS entry); false when it did not exist.</summary>
    public async Task<bool> DeleteChunkAsync(string chunkId, CancellationToken cancellationToken = default)
    {
        _deleteChunk.Parameters[0].Value = chunkId;
        if (await _deleteChunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long rowid)
        {
            return false;
        }

        _deleteVector.Parameters[0].Value = rowid;
        await _deleteVector.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose()
    {
        _insertChunk.Dispose();
        _updateChunk.Dispose();
        _insertVector.Dispose();
        _deleteVector.Dispose();
        _deleteChunk.Dispose();
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
