namespace QaBot.Core.Ingestion;

/// <summary>
/// A run of whole sentences from one document. <see cref="Start"/>/<see cref="End"/> are character
/// offsets into <see cref="SourceDocument.Text"/>, so a citation can point at the exact passage.
/// <see cref="Url"/> is the article's own address, when it has one.
/// </summary>
public sealed record TextChunk(
    string ChunkId,
    string DocumentId,
    string Title,
    DateOnly? PublishedDate,
    int Ordinal,
    int Start,
    int End,
    string Text,
    string? Url = null)
{
    /// <summary>
    /// What is embedded for this chunk: the article's title, then the passage (a contextual chunk
    /// header), so every chunk carries what its article is about. The stored text and the keyword
    /// index keep the passage alone.
    /// </summary>
    public string EmbeddingText => Title.Length == 0 ? Text : $"{Title}\n{Text}";

    public static string MakeId(string documentId, int ordinal) => $"{documentId}#{ordinal}";
}
