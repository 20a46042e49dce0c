using System.Globalization;
using System.Text.RegularExpressions;
using QaBot.Core.Text;

namespace QaBot.Core.Ingestion;

/// <summary>
/// Works out an article's title and published date from its text. The first line is sometimes a
/// headline, sometimes a "date YYYY-MM-DD Headline" line, sometimes body text (then the title is the
/// first sentence, shortened). Dates come only from labelled lines ("Last Updated : Jul 02 2025",
/// "First Published: …", "date 2025-07-02"), never from dates that happen to appear in the body.
/// </summary>
public static partial class DocumentHeader
{
    private const int MaxHeadlineChars = 200;
    private const int MaxTitleChars = 120;

    public static (string Title, DateOnly? PublishedDate) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLine = FirstNonEmptyLine(text);
        DateOnly? date = null;
        string? title = null;

        var dateLine = DateLineRegex().Match(firstLine);
        if (dateLine.Success)
        {
            date = ParseIsoDate(dateLine.Groups["date"].Value);
            var rest = dateLine.Groups["rest"].Value.Trim();
            title = rest.Length > 0 ? Shorten(rest) : null;
        }
        else if (LooksLikeHeadline(firstLine))
        {
            title = firstLine;
        }

        date ??= FindLabelledDate(text);
        title ??= FirstSentenceTitle(text);
        return (title, date);
    }

    private static string FirstNonEmptyLine(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                return trimmed;
            }
        }

        return string.Empty;
    }

    /// <summary>A headline is a short line that does not end like a sentence.</summary>
    private static bool LooksLikeHeadline(string line) =>
        line.Length is > 0 and <= MaxHeadlineChars
        && !line.EndsWith('.') && !line.EndsWith(',') && !line.EndsWith(':') && !line.EndsWith(';')
        && WordTokenizer.Tokenize(line).Count >= 2;

    private static string FirstSentenceTitle(string text)
    {
        var first = SentenceSplitter.Split(text).FirstOrDefault();
        return first is null ? "(untitled)" : Shorten(first.Text);
    }

    private static string Shorten(string sentence)
    {
        var s = WhitespaceRegex().Replace(sentence, " ").Trim();
        if (s.Length <= MaxTitleChars)
        {
            return s;
        }

        var cut = s.LastIndexOf(' ', MaxTitleChars);
        return string.Concat(s.AsSpan(0, cut > 40 ? cut : MaxTitleChars), "…");
    }

    private static DateOnly? FindLabelledDate(string text)
    {
        foreach (Match m in LabelledDateRegex().Matches(text))
        {
            var value = m.Groups["value"].Value.Trim();
            if (ParseIsoDate(value) is { } iso)
            {
                return iso;
            }

            string[] formats = ["MMM dd yyyy", "MMM d yyyy", "MMMM dd yyyy", "MMMM d yyyy", "MMM dd, yyyy", "MMM d, yyyy", "MMMM d, yyyy", "MMMM dd, yyyy", "dd MMM yyyy", "d MMMM yyyy"];
            if (DateOnly.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d))
            {
                return d;
            }
        }

        return null;
    }

    private static DateOnly? ParseIsoDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex(@"^date\s+(?<date>\d{4}-\d{2}-\d{2})\b(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLineRegex();

    [GeneratedRegex(@"(?im)^\s*(?:last\s+updated|first\s+published|published|updated|date)\s*(?:on)?\s*[:\-]?\s*(?<value>\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})")]
    private static partial Regex LabelledDateRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
