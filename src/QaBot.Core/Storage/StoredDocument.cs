namespace QaBot.Core.Storage;

/// <summary>A document as kept in the catalog: its full text (chunk offsets point into it) and content hash.</summary>
public sealed record StoredDocument(
    string Id,
    string Title,
    DateOnly? PublishedDate,
    string SourcePath,
    string ContentHash,
    string Text,
    DateTimeOffset IndexedAt);
