using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>Where the articles live and which files count as articles.</summary>
public sealed class CorpusOptions
{
    public const string SectionName = "QaBot:Corpus";

    /// <summary>Folder with the articles; relative paths are resolved against the QaBot root.</summary>
    [Required]
    public string Path { get; set; } = "seeds";

    /// <summary>File extensions loaded as articles.</summary>
    public string[] Extensions { get; set; } = [".txt", ".md"];

    /// <summary>Files larger than this are skipped with a warning.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;
}
