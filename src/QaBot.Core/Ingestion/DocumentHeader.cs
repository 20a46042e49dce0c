using System.Text.RegularExpressions;
using QaBot.Core.Text;

namespace QaBot.Core.Ingestion;

/// <summary>
/// Works out an article's title and published date from its text. The first line is sometimes a
/// headline, sometimes a "date YYYY-MM-DD Headline" line, sometimes body text (then the title is the
/// first sentence, shortened). Dates come only from labelled lines ("Last Updated : Jul 02 2025",
/// "First Published: …", "date 2025-07-02") or from a line near the top that holds nothing but a date
/// (a dateline, "March 14, 2025"), never from dates that happen to appear in the body.
/// </summary>
public static partial class DocumentHeader
{
    private const int MaxHeadlineChars = 200;
    private const int MaxTitleChars = 120;

    /// <summary>How many non-empty lines from the top may hold a dateline.</summary>
    private const int DatelineLines = 8;

    public static (string Title, DateOnly? PublishedDate) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (firstLine, dateline) = TopLines(text);
        DateOnly? date = null;
        string? title = null;

        var dateLine = DateLineRegex().Match(firstLine);
        if (dateLine.Success)
        {
            date = PublishedDates.Parse(dateLine.Groups["date"].Value);
            var rest = dateLine.Groups["rest"].Value.Trim();
            title = rest.Length > 0 ? Shorten(rest, MaxTitleChars) : null;
        }
        else if (LooksLikeHeadline(firstLine))
        {
            title = firstLine;
        }

        date ??= FindLabelledDate(text) ?? dateline;
        title ??= FirstSentenceTitle(text);
        return (title, date);
    }

    /// <summary>
    /// A title given by metadata (front matter, <c>og:title</c>, a PDF's title, a record's <c>title</c>):
    /// white space runs made one space, trimmed, shortened at a word boundary past 200 characters; null when empty.
    /// </summary>
    public static string? CleanTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var cleaned = Shorten(TextNormalizer.Normalize(title), MaxHeadlineChars);
        return cleaned.Length > 0 ? cleaned : null;
    }

    /// <summary>The first non-empty line that is not a dateline, and the date of the first dateline near the top.</summary>
    private static (string FirstLine, DateOnly? Dateline) TopLines(string text)
    {
        string? first = null;
        DateOnly? dateline = null;
        var seen = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (trimmed.IsEmpty)
            {
                continue;
            }

            if (++seen > DatelineLines)
            {
                break;
            }

            if (dateline is null && trimmed.Length <= 40 && HasYear(trimmed) && PublishedDates.Parse(trimmed.ToString()) is { } date)
            {
                dateline = date;
                continue;
            }

            first ??= trimmed.ToString();
            if (dateline is not null)
            {
                break;
            }
        }

        return (first ?? string.Empty, dateline);
    }

    /// <summary>Four digits in a row (a year): every date format read here has one; a cheap test before parsing.</summary>
    private static bool HasYear(ReadOnlySpan<char> line)
    {
        var run = 0;
        foreach (var c in line)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run == 4)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A headline is a short line that does not end like a sentence.</summary>
    private static bool LooksLikeHeadline(string line) =>
        line.Length is > 0 and <= MaxHeadlineChars
        && !line.EndsWith('.') && !line.EndsWith(',') && !line.EndsWith(':') && !line.EndsWith(';')
        && WordTokenizer.Tokenize(line).Count >= 2;

    private static string FirstSentenceTitle(string text)
    {
        var first = SentenceSplitter.Split(text).FirstOrDefault();
        return first is null ? "(untitled)" : Shorten(first.Text, MaxTitleChars);
    }

    private static string Shorten(string sentence, int maxChars)
    {
        var s = WhitespaceRegex().Replace(sentence, " ").Trim();
        if (s.Length <= maxChars)
        {
            return s;
        }

        var cut = s.LastIndexOf(' ', maxChars);
        return string.Concat(s.AsSpan(0, cut > 40 ? cut : maxChars), "…");
    }

    private static DateOnly? FindLabelledDate(string text)
    {
        foreach (Match m in LabelledDateRegex().Matches(text))
        {
            if (PublishedDates.Parse(m.Groups["value"].Value) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^date\s+(?<date>\d{4}-\d{2}-\d{2})\b(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLineRegex();

    [GeneratedRegex(@"(?im)^\s*(?:last\s+updated|first\s+published|published|updated|date)\s*(?:on)?\s*[:\-]?\s*(?<value>\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})")]
    private static partial Regex LabelledDateRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
