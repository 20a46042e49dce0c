namespace QaBot.Core.Ingestion;

/// <summary>A corpus file as listed, before it is read.</summary>
/// <param name="Id">The document id it would have: the file name without extension.</param>
/// <param name="Path">Where it is (as the corpus folder was given, like <see cref="SourceDocument.SourcePath"/>).</param>
/// <param name="Stamp">
/// Its size and last-write time, or null when the file must be read whatever the catalog says: it was
/// written so recently that a further write could keep the same time stamp, or it is empty or too large.
/// </param>
public sealed record CorpusFile(string Id, string Path, FileStamp? Stamp);
