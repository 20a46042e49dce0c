using System.Globalization;
using System.Text;

namespace QaBot.Cli.Bench;

/// <summary>Turns Reuters-21578 fields into a corpus article: headline, a <c>date YYYY-MM-DD</c> line, body.</summary>
internal static class ReutersText
{
    /// <summary>Parses the collection's date ("26-FEB-1987 15:01:01.79"); null when it does not parse.</summary>
    public static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var day = value.Trim().Split(' ', 2)[0];
        return DateOnly.TryParseExact(day, ["d-MMM-yyyy", "dd-MMM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? date
            : null;
    }

    /// <summary>A headline on one line: white space collapsed.</summary>
    public static string CleanTitle(string? title) =>
        string.Join(' ', (title ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The body with Windows line endings normalised, the trailing "Reuter" sign-off kept, outer white space trimmed.</summary>
    public static string CleanBody(string? body) => (body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>The article file: title first, then <c>date YYYY-MM-DD</c> when known, then the body.</summary>
    public static string ToArticleText(ReutersArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var text = new StringBuilder();
        if (article.Title.Length > 0)
        {
            text.Append(article.Title).Append('\n');
        }

        if (article.Date is { } date)
        {
            text.Append("date ").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        }

        if (article.Body.Length > 0)
        {
            text.Append('\n').Append(article.Body).Append('\n');
        }

        return text.ToString();
    }
}
