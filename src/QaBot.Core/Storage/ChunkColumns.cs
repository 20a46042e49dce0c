namespace QaBot.Core.Storage;

/// <summary>The columns every engine stores a <see cref="ChunkRecord"/>'s data in, by property, in the order queries select them.</summary>
internal static class ChunkColumns
{
    public static readonly IReadOnlyList<(string Property, string Column)> Data =
    [
        (nameof(ChunkRecord.ChunkId), "chunk_id"),
        (nameof(ChunkRecord.DocumentId), "document_id"),
        (nameof(ChunkRecord.Title), "title"),
        (nameof(ChunkRecord.PublishedDate), "published_date"),
        (nameof(ChunkRecord.Ordinal), "ordinal"),
        (nameof(ChunkRecord.StartOffset), "start_offset"),
        (nameof(ChunkRecord.EndOffset), "end_offset"),
        (nameof(ChunkRecord.Text), "text"),
        (nameof(ChunkRecord.Url), "url"),
    ];

    /// <summary>The column of a property, or null when the property is not a data column.</summary>
    public static string? Of(string property)
    {
        foreach (var (name, column) in Data)
        {
            if (name == property)
            {
                return column;
            }
        }

        return null;
    }
}
