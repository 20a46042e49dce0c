using Microsoft.Data.Sqlite;

namespace QaBot.Core.Storage;

/// <summary>Reads the column layout <see cref="SqliteCommandBuilder"/> selects: rowid, the data columns, embedding.</summary>
internal static class ChunkRecordReader
{
    /// <summary>Index of the first column after the record (distance or score), when a query adds one.</summary>
    public const int ExtraColumn = 10;

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
        Embedding = reader.IsDBNull(9) ? ReadOnlyMemory<float>.Empty : VectorBlob.FromBlob((byte[])reader.GetValue(9)),
    };
}
