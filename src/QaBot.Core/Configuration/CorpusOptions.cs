using System.ComponentModel.DataAnnotations;
using QaBot.Core.Ingestion.Formats;

namespace QaBot.Core.Configuration;

/// <summary>Where the articles live and which files count as articles.</summary>
public sealed class CorpusOptions
{
    public const string SectionName = "QaBot:Corpus";

    /// <summary>Folder with the articles; relative paths are resolved against the QaBot root.</summary>
    [Required]
    public string Path { get; set; } = "seeds";

    /// <summary>
    /// A name for the corpus: its index is then <c>data/corpora/{Name}.db</c> and follows the name, not the
    /// folder (the folder may move). Empty: the index is named after the folder (<see cref="CorpusIdentity"/>).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", ErrorMessage = "QaBot:Corpus:Name must be letters, digits, '_', '.' or '-' (at most 64), starting with a letter or digit.")]
    public string? Name { get; set; }

    /// <summary>
    /// File extensions read as articles (default: every supported format, <see cref="DocumentFormats.Supported"/>);
    /// an extension QaBot has no reader for is read as plain text. Files of other extensions are counted
    /// and named in the index summary, not read.
    /// </summary>
    public string[] Extensions { get; set; } = [.. DocumentFormats.Supported];

    /// <summary>Files larger than this are skipped with a warning.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;
}
