namespace QaBot.Core.Storage;

/// <summary>A document as kept in the catalog: its full text (chunk offsets point into it), content hash and own URL (if any).</summary>
public sealed record StoredDocument(
    string Id,
    string Title,
    DateOnly? PublishedDate,
    string SourcePath,
    string ContentHash,
    string Text,
    DateTimeOffset IndexedAt,
    string? Url = null);
