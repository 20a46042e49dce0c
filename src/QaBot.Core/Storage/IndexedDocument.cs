using QaBot.Core.Ingestion;

namespace QaBot.Core.Storage;

/// <summary>A document and all of its embedded chunks: the unit the index store replaces atomically.</summary>
public sealed record IndexedDocument(SourceDocument Document, IReadOnlyList<ChunkRecord> Chunks);
