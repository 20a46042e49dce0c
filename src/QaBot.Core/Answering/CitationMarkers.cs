using System.Globalization;
using System.Text.RegularExpressions;

namespace QaBot.Core.Answering;

/// <summary>
/// QaBot's citation markers (<c>[n]</c>) against the bracketed numbers articles carry themselves (reference
/// notes such as "… in 2023 [2] [7]."). Text quoted from an article loses its own markers before a composer
/// adds QaBot's, so an answer's markers are only QaBot's; and an answer keeps only markers that point at
/// one of its citations.
/// </summary>
public static partial class CitationMarkers
{
    /// <summary>Text quoted from an article without its reference markers ("[2]", "[2] [7]", "[2][7]", "[2, 7]").</summary>
    public static string RemoveFrom(string quoted)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        if (quoted.IndexOf('[', StringComparison.Ordinal) < 0)
        {
            return quoted;
        }

        var removed = MarkerRunRegex().Replace(quoted, string.Empty);
        return ReferenceEquals(removed, quoted) ? quoted : Tidy(removed);
    }

    /// <summary>The answer text with every <c>[n]</c> whose n is not among <paramref name="citationNumbers"/> removed.</summary>
    public static string KeepOnly(string text, IReadOnlyCollection<int> citationNumbers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(citationNumbers);
        var changed = false;
        var kept = SingleMarkerRegex().Replace(text, match =>
        {
            if (int.TryParse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && citationNumbers.Contains(n))
            {
                return match.Value;
            }

            changed = true;
            return string.Empty;
        });
        return changed ? Tidy(kept) : text;
    }

    /// <summary>Removes the gaps a dropped marker leaves ("text [9]." became "text .").</summary>
    private static string Tidy(string text)
    {
        text = SpaceBeforePunctuationRegex().Replace(text, "$1");
        text = RepeatedSpaceRegex().Replace(text, " ");
        return text.Trim();
    }

    /// <summary>A run of reference markers, with the white space before it: " [2]", " [2] [7]", "[2][7]", " [2, 7]".</summary>
    [GeneratedRegex(@"[ \t]*\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\](?:[ \t]*\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\])*", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerRunRegex();

    [GeneratedRegex(@"[ \t]*\[(?<n>\d{1,6})\]", RegexOptions.CultureInvariant)]
    private static partial Regex SingleMarkerRegex();

    [GeneratedRegex(@"[ \t]+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuationRegex();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex RepeatedSpaceRegex();
}
