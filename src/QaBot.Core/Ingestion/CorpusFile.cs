namespace QaBot.Core.Ingestion;

/// <summary>A corpus file as listed, before it is read.</summary>
/// <param name="Id">The document id it would have: the file name without extension (see <see cref="DocumentIds"/>).</param>
/// <param name="Path">Where it is (as the corpus folder was given, like <see cref="SourceDocument.SourcePath"/>).</param>
/// <param name="Stamp">
/// Its size and last-write time, or null when the file must be read whatever the catalog says: it was
/// written so recently that a further write could keep the same time stamp, it is empty or too large,
/// or it is an archive (its records are compared one by one on every run).
/// </param>
/// <param name="Kind">Whether it holds one article, many, or is of a type QaBot does not read.</param>
public sealed record CorpusFile(string Id, string Path, FileStamp? Stamp, CorpusFileKind Kind = CorpusFileKind.Document);
