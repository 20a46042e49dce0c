using QaBot.Core.Ingestion;

namespace QaBot.Core.Indexing;

/// <summary>A new or changed document found while reading the corpus, and how many files had been read by then.</summary>
internal sealed record ChangedDocument(SourceDocument Document, int FilesRead);
