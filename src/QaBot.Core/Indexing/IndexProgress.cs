namespace QaBot.Core.Indexing;

/// <summary>Progress of an index run: documents processed out of those that need work.</summary>
public sealed record IndexProgress(int DocumentsDone, int DocumentsTotal, string? CurrentDocumentId);
