namespace QaBot.Core.Ingestion;

/// <summary>Something worth telling about a file that was read all the same (read as Windows-1252, say).</summary>
public sealed record FileNote(string Path, string Note);
