using Microsoft.Data.Sqlite;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>Reads the column layout <see cref="SqliteCommandBuilder"/> selects: rowid, the data columns, embedding.</summary>
internal static class ChunkRecordReader
{
    /// <summary>Index of the first column after the record (distance or score), when a query adds one.</summary>
    public const int ExtraColumn = 11;

    public static ChunkRecord Read(SqliteDataReader reader) => new()
    {
        ChunkId = reader.GetString(1),
        DocumentId = reader.GetString(2),
        Title = reader.GetString(3),
        PublishedDate = reader.IsDBNull(4) ? null : reader.GetString(4),
        Ordinal = reader.GetInt32(5),
        StartOffset = reader.GetInt32(6),
        EndOffset = reader.GetInt32(7),
        Text = reader.GetString(8),
        Url = reader.IsDBNull(9) ? null : reader.GetString(9),
        Embedding = reader.IsDBNull(10) ? ReadOnlyMemory<float>.Empty : VectorBlob.FromBlob((byte[])reader.GetValue(10)),
    };

    /// <summary>
    /// The chunks of <paramref name="collectionName"/> with these ids, in the order of <paramref name="chunkIds"/>
    /// (a repeated id once, at its first place; missing ids left out), read 500 ids per statement.
    /// </summary>
    public static async Task<List<ChunkRecord>> ReadByChunkIdsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string collectionName, IReadOnlyList<string> chunkIds, bool includeVectors, CancellationToken cancellationToken)
    {
        var records = new List<ChunkRecord>(chunkIds.Count);
        foreach (var batch in chunkIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            await using var command = SqliteCommandBuilder.SelectByChunkIds(connection, collectionName, batch, includeVectors);
            command.Transaction = transaction ?? command.Transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(Read(reader));
            }
        }

        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < chunkIds.Count; i++)
        {
            order.TryAdd(chunkIds[i], i);
        }

        records.Sort((a, b) => order[a.ChunkId].CompareTo(order[b.ChunkId]));
        return records;
    }
}
