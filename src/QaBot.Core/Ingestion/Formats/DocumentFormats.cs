namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// Which reader reads a file, by its extension: Markdown, HTML, PDF, and article dumps in JSON Lines and
/// CSV; any other extension listed in <c>QaBot:Corpus:Extensions</c> is read as plain text. Every text
/// format is decoded by <see cref="TextDecoder"/> first (encodings, binary content).
/// </summary>
public static class DocumentFormats
{
    /// <summary>The extensions QaBot reads by default: every format it knows.</summary>
    public static IReadOnlyList<string> Supported { get; } =
        [".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl", ".ndjson", ".csv"];

    /// <summary>Bump when a reader changes what text, title, date or URL a file gives: every file is read again.</summary>
    public const string Signature = "readers-v1";

    public static CorpusFileKind KindOf(string extension) =>
        extension.ToLowerInvariant() is ".jsonl" or ".ndjson" or ".csv" ? CorpusFileKind.Archive : CorpusFileKind.Document;

    /// <summary>
    /// Reads a file's bytes. Throws <see cref="InvalidDataException"/> with a reason (to follow "it") when
    /// the file cannot be read as its format: binary, not a PDF, a dump without a text column…
    /// </summary>
    internal static FileContent Read(string extension, byte[] bytes)
    {
        var format = extension.ToLowerInvariant();
        if (format == ".pdf")
        {
            return PdfArticleReader.Read(bytes);
        }

        var text = TextDecoder.Decode(bytes, out var note, out var failure) ?? throw new InvalidDataException(failure);
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var content = format switch
        {
            ".md" or ".markdown" => MarkdownArticleReader.Read(text),
            ".html" or ".htm" => HtmlArticleReader.Read(text),
            ".jsonl" or ".ndjson" => JsonLinesArticleReader.Read(text),
            ".csv" => CsvArticleReader.Read(text),
            _ => FileContent.Single(new ReadArticle(text)),
        };

        content.Note = note is null ? content.Note : content.Note is null ? note : $"{note}; it {content.Note}";
        return content;
    }
}
