namespace QaBot.Core.Ingestion;

/// <summary>One article of the corpus, as loaded from disk.</summary>
/// <param name="Id">File name without extension.</param>
/// <param name="Title">Headline, or the first sentence when the article has none.</param>
/// <param name="PublishedDate">Date the text gives ("Last Updated : Jul 02 2025", "date 2025-07-02"), if any.</param>
/// <param name="Text">The full text (normalised line endings); chunk offsets point into it.</param>
/// <param name="ContentHash">SHA-256 of the raw bytes, hex; unchanged hash means nothing to re-index.</param>
/// <param name="SourcePath">Where the file was read from.</param>
/// <param name="Stamp">The file's size and last-write time when it was listed (before it was read), or null when unknown or too recent to trust.</param>
public sealed record SourceDocument(
    string Id,
    string Title,
    DateOnly? PublishedDate,
    string Text,
    string ContentHash,
    string SourcePath,
    FileStamp? Stamp = null);
