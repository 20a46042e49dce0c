using System.Globalization;
using QaBot.Core.Answering;

namespace QaBot.Bot.Documents;

/// <summary>
/// Addresses of the bot's document pages: <c>/documents/{id}?hl=10-52,2700-2796#cited</c> highlights each
/// cited range (and scrolls to the first); the older <c>?start=&amp;end=</c> form still works.
/// </summary>
public static class DocumentLinks
{
    public const string RoutePrefix = "/documents";
    public const string CitedAnchor = "cited";
    public const string HighlightParameter = "hl";

    /// <summary>Most ranges one link highlights (a longer list is cut).</summary>
    public const int MaxRanges = 20;

    public static Uri For(Uri publicBaseUri, Citation citation) =>
        For(publicBaseUri, citation?.DocumentId ?? throw new ArgumentNullException(nameof(citation)), [(citation.SnippetStart, citation.SnippetEnd)]);

    public static Uri For(Uri publicBaseUri, string documentId, IReadOnlyList<(int Start, int End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        ArgumentNullException.ThrowIfNull(ranges);
        var highlight = string.Join(',', ranges.Take(MaxRanges).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Start}-{r.End}")));
        var path = $"documents/{Uri.EscapeDataString(documentId)}?{HighlightParameter}={highlight}#{CitedAnchor}";
        return new Uri(publicBaseUri, path);
    }

    /// <summary>
    /// The ranges of an <c>hl</c> value ("10-52,2700-2796"), sorted, with overlapping ones merged; malformed
    /// or empty ranges are left out.
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> ParseRanges(string? value)
    {
        var ranges = new List<(int Start, int End)>();
        if (string.IsNullOrEmpty(value))
        {
            return ranges;
        }

        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxRanges))
        {
            var dash = item.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0
                && int.TryParse(item.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                && int.TryParse(item.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
                && end > start)
            {
                ranges.Add((start, end));
            }
        }

        ranges.Sort();
        var merged = new List<(int Start, int End)>(ranges.Count);
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>
    /// A document's own address as a link target: only an absolute http(s) URL without credentials (the
    /// loader keeps no other, and this checks again where it is shown); null otherwise.
    /// </summary>
    public static Uri? Original(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;
}
