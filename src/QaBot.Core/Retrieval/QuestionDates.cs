using System.Globalization;
using System.Text.RegularExpressions;

namespace QaBot.Core.Retrieval;

/// <summary>
/// Finds the publication dates a question asks about, so retrieval can keep to them: a day
/// ("on 2 July 2025", "July 2, 2025", "2025-07-02"), a month ("in July 2025", "in July" — the latest July
/// not after today), a year ("in 2024", "during 2024"), open ranges ("since 2024", "before 2024",
/// "between 2023 and 2024"), and days relative to today ("today", "yesterday", "this week", "last
/// week" — the Monday-to-Sunday week before this one, "this month", "last month", "this year", "last
/// year", "in the past 10 days"). The first such phrase in the question counts.
/// </summary>
/// <remarks>
/// Relative phrases count from today's date (the <see cref="TimeProvider"/>'s local date), not from the
/// newest article: a user asking about "last week" means the calendar, and when the corpus holds nothing
/// that recent the answer says so instead of quietly answering about older news. A bare year is read as a
/// date only after "in", "during", "since", "before", "after" or "between", since a year in a name ("the
/// 2024 election") is a topic, not a publication date.
/// </remarks>
public static partial class QuestionDates
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    public static PublishedDateRange? Find(string question, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(question);
        var match = DatePhrase().Match(question);
        while (match.Success)
        {
            if (Read(match, today) is { } range)
            {
                return range with { Phrase = match.Value.Trim() };
            }

            match = match.NextMatch();
        }

        return null;
    }

    private static PublishedDateRange? Read(Match m, DateOnly today)
    {
        if (m.Groups["iso"].Success)
        {
            return DateOnly.TryParseExact(m.Groups["iso"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? Day(day) : null;
        }

        if (m.Groups["dday"].Success || m.Groups["mday"].Success)
        {
            var dayText = m.Groups["dday"].Success ? m.Groups["dday"].Value : m.Groups["mday"].Value;
            var monthText = m.Groups["dday"].Success ? m.Groups["dmonth"].Value : m.Groups["mmonth"].Value;
            var yearText = m.Groups["dday"].Success ? m.Groups["dyear"].Value : m.Groups["myear"].Value;
            return Month(monthText) is { } month && Year(yearText) is { } year && int.Parse(dayText, CultureInfo.InvariantCulture) is var d
                && d >= 1 && d <= DateTime.DaysInMonth(year, month)
                    ? Day(new DateOnly(year, month, d))
                    : null;
        }

        if (m.Groups["month"].Success)
        {
            var month = Month(m.Groups["month"].Value);
            if (month is null)
            {
                return null;
            }

            var year = m.Groups["year"].Success ? Year(m.Groups["year"].Value) : (month <= today.Month ? today.Year : today.Year - 1);
            return year is { } y ? MonthRange(y, month.Value) : null;
        }

        if (m.Groups["preposition"].Success && Year(m.Groups["pyear"].Value) is { } py)
        {
            return m.Groups["preposition"].Value.ToLowerInvariant() switch
            {
                "since" => Range(new DateOnly(py, 1, 1), Max(today, new DateOnly(py, 12, 31))),
                "after" => Range(new DateOnly(py + 1, 1, 1), Max(today, new DateOnly(py + 1, 12, 31))),
                "before" => Range(DateOnly.MinValue, new DateOnly(py - 1, 12, 31)),
                _ => Range(new DateOnly(py, 1, 1), new DateOnly(py, 12, 31)),
            };
        }

        if (m.Groups["between1"].Success && Year(m.Groups["between1"].Value) is { } y1 && Year(m.Groups["between2"].Value) is { } y2)
        {
            return Range(new DateOnly(Math.Min(y1, y2), 1, 1), new DateOnly(Math.Max(y1, y2), 12, 31));
        }

        if (m.Groups["count"].Success)
        {
            var count = int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture);
            if (count is < 1 or > 3660)
            {
                return null;
            }

            var from = m.Groups["unit"].Value.ToLowerInvariant() switch
            {
                var u when u.StartsWith("day", StringComparison.Ordinal) => today.AddDays(1 - count),
                var u when u.StartsWith("week", StringComparison.Ordinal) => today.AddDays(1 - (7 * count)),
                var u when u.StartsWith("month", StringComparison.Ordinal) => today.AddMonths(-count).AddDays(1),
                _ => today.AddYears(-count).AddDays(1),
            };
            return Range(from, today);
        }

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return string.Join(' ', m.Groups["relative"].Value.ToLowerInvariant().Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) switch
        {
            "today" => Day(today),
            "yesterday" => Day(today.AddDays(-1)),
            "this week" => Range(monday, today),
            "last week" => Range(monday.AddDays(-7), monday.AddDays(-1)),
            "past week" => Range(today.AddDays(-6), today),
            "this month" => Range(new DateOnly(today.Year, today.Month, 1), today),
            "last month" => MonthRange(today.AddMonths(-1).Year, today.AddMonths(-1).Month),
            "past month" => Range(today.AddMonths(-1).AddDays(1), today),
            "this year" => Range(new DateOnly(today.Year, 1, 1), today),
            "last year" => Range(new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year - 1, 12, 31)),
            "past year" => Range(today.AddYears(-1).AddDays(1), today),
            _ => null,
        };
    }

    private static PublishedDateRange Day(DateOnly day) => Range(day, day);

    private static PublishedDateRange MonthRange(int year, int month) =>
        Range(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    private static PublishedDateRange Range(DateOnly from, DateOnly to) => new(from, to, string.Empty);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static int? Month(string name)
    {
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (MonthNames[i].StartsWith(name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) && name.TrimEnd('.').Length >= 3)
            {
                return i + 1;
            }
        }

        return null;
    }

    private static int? Year(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1800 and <= 2200 ? year : null;

    /// <summary>
    /// One alternative per kind of phrase, most specific first. Month names need a capital when they
    /// stand without a year ("in May", not "may"); with a year or a day any case will do.
    /// </summary>
    [GeneratedRegex("""
        \b(?:
            (?<iso>\d{4}-\d{2}-\d{2})
          | (?<dday>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<dmonth>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?,?\s+(?<dyear>\d{4})
          | (?<mmonth>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?\s+(?<mday>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<myear>\d{4})
          | (?<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?,?\s+(?:of\s+)?(?<year>\d{4})
          | (?i:in|during)\s+(?:the\s+month\s+of\s+)?(?<month>January|February|March|April|May|June|July|August|September|October|November|December)(?![\w-]|\.?,?\s+(?:of\s+)?\d{4})
          | (?<preposition>(?i:in|during|since|before|after|throughout))\s+(?<pyear>\d{4})
          | (?i:between)\s+(?<between1>\d{4})\s+(?i:and)\s+(?<between2>\d{4})
          | (?i:(?:in\s+)?(?:the\s+)?(?:last|past))\s+(?<count>\d{1,4})\s+(?<unit>(?i:days?|weeks?|months?|years?))
          | (?<relative>(?i:today|yesterday|this\s+week|last\s+week|past\s+week|this\s+month|last\s+month|past\s+month|this\s+year|last\s+year|past\s+year))
        )\b
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DatePhrase();
}
