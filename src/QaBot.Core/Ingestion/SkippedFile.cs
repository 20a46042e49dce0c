namespace QaBot.Core.Ingestion;

/// <summary>A corpus file that was not indexed, and why (empty, binary, not UTF-8, too large, unreadable).</summary>
public sealed record SkippedFile(string Path, string Reason);
