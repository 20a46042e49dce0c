namespace QaBot.Core.Answering;

/// <summary>
/// A numbered source behind an answer: <see cref="Number"/> is the <c>[n]</c> marker in the text.
/// <see cref="Snippet"/> is the supporting passage; <see cref="SnippetStart"/>/<see cref="SnippetEnd"/>
/// are its character offsets in the document's text. <see cref="Url"/> is the article's own address
/// (absolute http or https), when it has one.
/// </summary>
public sealed record Citation(
    int Number,
    string DocumentId,
    string ChunkId,
    string Title,
    DateOnly? PublishedDate,
    string Snippet,
    int SnippetStart,
    int SnippetEnd,
    double Score,
    string? Url = null);
