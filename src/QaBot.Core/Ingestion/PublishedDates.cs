using System.Globalization;

namespace QaBot.Core.Ingestion;

/// <summary>
/// Reads a publication date as articles and their metadata write it: ISO 8601 dates and date-times
/// (<c>2025-07-02</c>, <c>2025-07-02T06:50:00+05:30</c>: the date as written, not shifted to UTC), RFC 1123
/// (<c>Wed, 02 Jul 2025 06:50:00 GMT</c>) and English month names (<c>Jul 02 2025</c>, <c>July 2, 2025</c>,
/// <c>2 July 2025</c>, with or without a weekday in front).
/// </summary>
public static class PublishedDates
{
    private static readonly string[] TextFormats =
    [
        "MMM dd yyyy", "MMM d yyyy", "MMMM dd yyyy", "MMMM d yyyy",
        "MMM dd, yyyy", "MMM d, yyyy", "MMMM d, yyyy", "MMMM dd, yyyy",
        "dd MMM yyyy", "d MMM yyyy", "dd MMMM yyyy", "d MMMM yyyy",
        "MMM. d, yyyy", "MMM. dd, yyyy", "MMM. d yyyy",
    ];

    public static DateOnly? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var s = value.Trim();
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        if (s.Length > 10 && char.IsAsciiDigit(s[0]) && s[4] == '-' && s[10] is 'T' or 't' or ' '
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dateTime))
        {
            return DateOnly.FromDateTime(dateTime.DateTime);
        }

        if (DateTimeOffset.TryParseExact(s, "r", CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var rfc1123))
        {
            return DateOnly.FromDateTime(rfc1123.DateTime);
        }

        // "Thursday, 14 March 2025", "Thu, March 14, 2025": the weekday adds nothing.
        var comma = s.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && IsWeekday(s.AsSpan(0, comma)))
        {
            s = s[(comma + 1)..].Trim();
        }

        return DateOnly.TryParseExact(s, TextFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date) ? date : null;
    }

    /// <summary>A date from a parsed metadata value: a string, or a date or date-time object.</summary>
    public static DateOnly? From(object? value) => value switch
    {
        null => null,
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
        string s => Parse(s),
        _ => Parse(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static bool IsWeekday(ReadOnlySpan<char> word)
    {
        foreach (var name in CultureInfo.InvariantCulture.DateTimeFormat.DayNames.Concat(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames))
        {
            if (word.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
