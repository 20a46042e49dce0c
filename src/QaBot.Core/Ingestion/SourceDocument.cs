namespace QaBot.Core.Ingestion;

/// <summary>One article of the corpus, as loaded from disk.</summary>
/// <param name="Id">File name without extension, or for a record of an article dump its <c>id</c> (else file name and line).</param>
/// <param name="Title">Headline, or the first sentence when the article has none.</param>
/// <param name="PublishedDate">Date the article gives (front matter, HTML metadata, a record's <c>date</c>, "Last Updated : Jul 02 2025", "date 2025-07-02"), if any.</param>
/// <param name="Text">The plain text (markup removed, cleaned by <see cref="Text.TextNormalizer.Normalize"/>, "\n" line ends); chunk offsets point into it.</param>
/// <param name="ContentHash">SHA-256, hex, of the raw bytes (of the record's fields for a record of a dump); unchanged hash means nothing to re-index.</param>
/// <param name="SourcePath">Where the file was read from.</param>
/// <param name="Stamp">The file's size and last-write time when it was listed (before it was read), or null when unknown or too recent to trust.</param>
/// <param name="Url">The article's own address (HTML canonical link, front matter or record <c>url</c>), absolute http(s) only; null when it has none.</param>
public sealed record SourceDocument(
    string Id,
    string Title,
    DateOnly? PublishedDate,
    string Text,
    string ContentHash,
    string SourcePath,
    FileStamp? Stamp = null,
    string? Url = null);
