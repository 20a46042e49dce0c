using System.Globalization;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Storage;

/// <summary>
/// One chunk as stored in the SQLite vector store: a row of the chunk table, its vector in the
/// <c>vec0</c> table and its text in the FTS5 table, all keyed by the same rowid.
/// </summary>
/// <remarks>
/// The vector's dimension is not fixed here: it comes from the configured embedding generator and is
/// passed to <see cref="SqliteVecChunkCollection"/> at construction.
/// </remarks>
public sealed class ChunkRecord
{
    [VectorStoreKey(StorageName = "chunk_id")]
    public string ChunkId { get; set; } = string.Empty;

    [VectorStoreData(IsIndexed = true, StorageName = "document_id")]
    public string DocumentId { get; set; } = string.Empty;

    [VectorStoreData(StorageName = "title")]
    public string Title { get; set; } = string.Empty;

    /// <summary>ISO 8601 date (yyyy-MM-dd), or null when the article gives none.</summary>
    [VectorStoreData(StorageName = "published_date")]
    public string? PublishedDate { get; set; }

    [VectorStoreData(StorageName = "ordinal")]
    public int Ordinal { get; set; }

    [VectorStoreData(StorageName = "start_offset")]
    public int StartOffset { get; set; }

    [VectorStoreData(StorageName = "end_offset")]
    public int EndOffset { get; set; }

    [VectorStoreData(IsFullTextIndexed = true, StorageName = "text")]
    public string Text { get; set; } = string.Empty;

    /// <summary>The article's own address (absolute http or https), or null when it has none.</summary>
    [VectorStoreData(StorageName = "url")]
    public string? Url { get; set; }

    /// <summary>
    /// 100 is the default (GloVe) dimension; the collection uses the dimension it is constructed with,
    /// which comes from the configured embedding generator.
    /// </summary>
    [VectorStoreVector(100, DistanceFunction = DistanceFunction.CosineDistance, StorageName = "embedding")]
    public ReadOnlyMemory<float> Embedding { get; set; }

    public static ChunkRecord FromChunk(TextChunk chunk, ReadOnlyMemory<float> embedding)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return new ChunkRecord
        {
            ChunkId = chunk.ChunkId,
            DocumentId = chunk.DocumentId,
            Title = chunk.Title,
            PublishedDate = chunk.PublishedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Ordinal = chunk.Ordinal,
            StartOffset = chunk.Start,
            EndOffset = chunk.End,
            Text = chunk.Text,
            Url = chunk.Url,
            Embedding = embedding,
        };
    }

    public TextChunk ToTextChunk() => new(
        ChunkId,
        DocumentId,
        Title,
        DateOnly.TryParseExact(PublishedDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
        Ordinal,
        StartOffset,
        EndOffset,
        Text,
        Url);
}
