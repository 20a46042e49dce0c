using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QaBot.Core.Configuration;

/// <summary>
/// Which corpus an index belongs to, and where its database is when <c>QaBot:Storage:DatabasePath</c> is
/// left empty: one database per corpus, so switching corpus never touches another corpus's index.
/// <list type="bullet">
/// <item>A named corpus (<see cref="CorpusOptions.Name"/>) has key <c>name:{Name}</c> and database <c>data/corpora/{Name}.db</c>.</item>
/// <item>Otherwise the key is the folder's path relative to the QaBot root (with '/'), or its full path
/// when it lies outside the root, and the database is <c>data/corpora/{folder name}-{8 hex digits of the
/// key's SHA-256}.db</c>: <c>seeds</c> and <c>/srv/news/seeds</c> get different files.</item>
/// </list>
/// </summary>
public static class CorpusIdentity
{
    public const string DatabaseFolder = "data/corpora";

    public static string KeyOf(QaBotRoot root, CorpusOptions corpus)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(corpus);
        if (!string.IsNullOrWhiteSpace(corpus.Name))
        {
            return "name:" + corpus.Name;
        }

        var full = Path.TrimEndingDirectorySeparator(root.Resolve(corpus.Path));
        var relative = Path.GetRelativePath(root.Path, full);
        var inside = relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        return (inside ? relative : full).Replace('\\', '/');
    }

    /// <summary>The database of <paramref name="corpus"/>, relative to the QaBot root.</summary>
    public static string DatabasePathFor(QaBotRoot root, CorpusOptions corpus)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(corpus);
        if (!string.IsNullOrWhiteSpace(corpus.Name))
        {
            return $"{DatabaseFolder}/{corpus.Name}.db";
        }

        var key = KeyOf(root, corpus);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
        return string.Create(CultureInfo.InvariantCulture, $"{DatabaseFolder}/{Slug(Path.GetFileName(Path.TrimEndingDirectorySeparator(root.Resolve(corpus.Path))))}-{hash}.db");
    }

    /// <summary>The folder's name in lower-case ASCII letters, digits and '-', at most 40 characters.</summary>
    private static string Slug(string name)
    {
        var slug = new StringBuilder(Math.Min(name.Length, 40));
        foreach (var c in name.ToLowerInvariant())
        {
            if (slug.Length == 40)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length > 0 ? result : "corpus";
    }
}
