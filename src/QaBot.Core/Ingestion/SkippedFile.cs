namespace QaBot.Core.Ingestion;

/// <summary>
/// A corpus file that was not indexed, and why (empty, binary, too large, unreadable, not a readable
/// PDF…); for a record of an article dump, <see cref="Reason"/> names its line.
/// </summary>
public sealed record SkippedFile(string Path, string Reason);
