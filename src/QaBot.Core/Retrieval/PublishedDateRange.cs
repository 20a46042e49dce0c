using System.Globalization;
using System.Linq.Expressions;
using QaBot.Core.Storage;

namespace QaBot.Core.Retrieval;

/// <summary>
/// The publication dates a question asks about, both ends included (<see cref="DateOnly.MinValue"/> for
/// "before …"), with the words of the question that said so.
/// </summary>
public sealed record PublishedDateRange(DateOnly From, DateOnly To, string Phrase)
{
    /// <summary>
    /// The VectorData filter that keeps only chunks of articles dated in the range (undated articles are
    /// left out): ISO dates compare as text (<see cref="ChunkRecord.PublishedDate"/>).
    /// </summary>
    public Expression<Func<ChunkRecord, bool>> ToFilter()
    {
        var from = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return From == DateOnly.MinValue
            ? r => r.PublishedDate != null && string.CompareOrdinal(r.PublishedDate, to) <= 0
            : r => r.PublishedDate != null && string.CompareOrdinal(r.PublishedDate, from) >= 0 && string.CompareOrdinal(r.PublishedDate, to) <= 0;
    }

    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>
    /// <paramref name="text"/> without the phrase that named the dates: once the dates are a filter, their
    /// words ("July 2025") would only look for articles that repeat them in their text.
    /// </summary>
    public string RemoveFrom(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = Phrase.Length == 0 ? -1 : text.IndexOf(Phrase, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return text;
        }

        var rest = string.Concat(text.AsSpan(0, at).TrimEnd(), " ", text.AsSpan(at + Phrase.Length).TrimStart()).Trim();
        return rest.Length > 0 && char.IsPunctuation(rest[^1]) && rest.Length > 1 && rest[^2] == ' ' ? rest.Remove(rest.Length - 2, 1) : rest;
    }

    /// <summary>The range in words: "2 July 2025", "July 2025", "2025", "30 June – 6 July 2025", "before 1 January 2024".</summary>
    public string Describe()
    {
        if (From == DateOnly.MinValue)
        {
            return "on or before " + Day(To);
        }

        if (From == To)
        {
            return Day(From);
        }

        if (From.Day == 1 && To == From.AddMonths(1).AddDays(-1))
        {
            return From.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        }

        if (From.DayOfYear == 1 && To == new DateOnly(From.Year, 12, 31))
        {
            return From.Year.ToString(CultureInfo.InvariantCulture);
        }

        var first = From.Year == To.Year
            ? From.ToString(From.Month == To.Month ? "%d" : "d MMMM", CultureInfo.InvariantCulture)
            : Day(From);
        return $"{first} – {Day(To)}";
    }

    /// <summary>A day in words: "2 July 2025".</summary>
    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
