using System.Globalization;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Indexing;

/// <summary>
/// The value the catalog stores for a document (<c>documents.content_hash</c>):
/// <c>{sha256}/{chunkerSignature}</c>, followed by <c>/file:{length}:{lastWriteUtcTicks}</c> when the
/// file's stamp was known and old enough to trust. Databases written before stamps existed hold the
/// first form; their documents are read once and compared by content.
/// </summary>
/// <remarks>
/// The stamp is tagged (<c>file:</c>) rather than appended as two bare numbers because chunker
/// signatures contain slashes and numbers themselves ("sentences-v3/800/100").
/// </remarks>
internal static class CatalogHash
{
    private const string StampTag = "/file:";

    public static string Format(string contentHash, string chunkerSignature, FileStamp? stamp) => stamp is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"{contentHash}/{chunkerSignature}{StampTag}{s.Length}:{s.LastWriteUtcTicks}")
        : $"{contentHash}/{chunkerSignature}";

    /// <summary>
    /// True when <paramref name="stored"/> was written for a file with this exact stamp, chunked with this
    /// signature: the file can be taken as unchanged without reading it.
    /// </summary>
    public static bool IsSameFile(string stored, string chunkerSignature, FileStamp stamp)
    {
        var slash = stored.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var expected = string.Create(CultureInfo.InvariantCulture, $"{chunkerSignature}{StampTag}{stamp.Length}:{stamp.LastWriteUtcTicks}");
        return stored.AsSpan(slash + 1).SequenceEqual(expected);
    }

    /// <summary>
    /// True when <paramref name="stored"/> records this content hash and chunker signature, whatever file
    /// stamp it holds (or none): the document needs no re-indexing.
    /// </summary>
    public static bool IsSameContent(string stored, string contentHash, string chunkerSignature)
    {
        var prefix = contentHash + "/" + chunkerSignature;
        if (!stored.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !stored.AsSpan(contentHash.Length + 1, chunkerSignature.Length).SequenceEqual(chunkerSignature))
        {
            return false;
        }

        var rest = stored.AsSpan(prefix.Length);
        if (rest.IsEmpty)
        {
            return true;
        }

        if (!rest.StartsWith(StampTag, StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[StampTag.Length..];
        var colon = rest.IndexOf(':');
        return colon > 0
            && long.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && long.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
