namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// An article as a format reader found it, before the loader gives it an id, a content hash and the
/// title and date <see cref="DocumentHeader"/> finds in its text when the format gave none.
/// </summary>
/// <param name="Text">Plain text, markup removed, lines ending in "\n".</param>
/// <param name="Title">The title the format gives (front matter, <c>og:title</c>, PDF metadata, a record's <c>title</c>), if any.</param>
/// <param name="PublishedDate">The date the format gives, if any.</param>
/// <param name="Url">The article's address, if it gives one (absolute http or https).</param>
/// <param name="Id">A record's own id, if it has one.</param>
/// <param name="Line">For a record of an article dump: the line it starts on (1-based); 0 for a whole file.</param>
internal sealed record ReadArticle(string Text, string? Title = null, DateOnly? PublishedDate = null, string? Url = null, string? Id = null, int Line = 0);
