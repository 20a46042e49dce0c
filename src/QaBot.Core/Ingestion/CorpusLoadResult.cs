namespace QaBot.Core.Ingestion;

public sealed record CorpusLoadResult(IReadOnlyList<SourceDocument> Documents, IReadOnlyList<SkippedFile> Skipped);
