namespace QaBot.Core.Ingestion;

/// <summary>
/// A run of whole sentences from one document. <see cref="Start"/>/<see cref="End"/> are character
/// offsets into <see cref="SourceDocument.Text"/>, so a citation can point at the exact passage.
/// </summary>
public sealed record TextChunk(
    string ChunkId,
    string DocumentId,
    string Title,
    DateOnly? PublishedDate,
    int Ordinal,
    int Start,
    int End,
    string Text)
{
    public static string MakeId(string documentId, int ordinal) => $"{documentId}#{ordinal}";
}
