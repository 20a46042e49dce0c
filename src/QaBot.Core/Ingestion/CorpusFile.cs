namespace QaBot.Core.Ingestion;

/// <summary>A corpus file as listed, before it is read.</summary>
/// <param name="Id">The document id it would have: the file name without extension.</param>
/// <param name="Path">Where it is (as the corpus folder was given, like <see cref="SourceDocument.SourcePath"/>).</param>
/// <param name="Stamp">
/// Its size and last-write time, or null when they cannot be trusted to reveal a change: the file was
/// written so recently that a further write could keep the same time stamp.
/// </param>
public sealed record CorpusFile(string Id, string Path, FileStamp? Stamp);
