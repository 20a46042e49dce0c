using System.Diagnostics.CodeAnalysis;
using QaBot.Core.Text;

namespace QaBot.Core.Ingestion;

/// <summary>
/// Document ids: from a file name (without extension) or an article dump's <c>id</c> field, cleaned by
/// <see cref="TextNormalizer.Normalize"/> (so a name written in decomposed Unicode, as macOS file systems
/// do, gives the same id as the composed one), white space runs made one space, and '/' and '\' made
/// '-' (a slash cannot travel inside one URL path segment). Spaces, accents and any other letters stay:
/// links escape them (<c>/documents/rt%20name%20with%20spaces</c>).
/// </summary>
public static class DocumentIds
{
    /// <summary>The longest id (a file name may have 255 characters).</summary>
    public const int MaxLength = 255;

    /// <summary>The id of the article in file <paramref name="path"/>.</summary>
    public static string FromFileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var id = Clean(Path.GetFileNameWithoutExtension(path));
        return id.Length > 0 ? id : "untitled";
    }

    /// <summary>An id given by a record (its <c>id</c> field), cleaned; null when it is empty or too long to use.</summary>
    public static string? FromValue(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var id = Clean(value);
        return id.Length is > 0 and <= MaxLength ? id : null;
    }

    /// <summary>True for an id this class can produce: what a document link may carry.</summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && string.Equals(Clean(id), id, StringComparison.Ordinal);

    private static string Clean(string value)
    {
        var id = TextNormalizer.CollapseWhitespace(TextNormalizer.Normalize(value), c => c is '/' or '\\' ? '-' : c);
        return id is "." or ".." ? id.Replace('.', '_') : id;
    }
}
