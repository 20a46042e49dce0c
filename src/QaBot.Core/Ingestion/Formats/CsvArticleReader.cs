using System.Globalization;
using CsvHelper;

namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// Reads an article dump in CSV with CsvHelper: a header row names the columns (<see cref="ArticleRecords"/>,
/// any order, any case; the separator is detected), each further row is one article; quoted fields may
/// hold separators and line breaks. A malformed row (an unterminated quote) is named and left out.
/// </summary>
internal static class CsvArticleReader
{
    public static FileContent Read(string text)
    {
        var content = new FileContent();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = true,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => content.Problems.Add(
                string.Create(CultureInfo.InvariantCulture, $"has a malformed row on line {record.LineNumber} ({record.Reason})")),
            NormalizeHeaderName = header => header.Trim().ToLowerInvariant(),
        };

        using var csv = CsvReader.FromText(text, options);
        try
        {
            csv.ReadHeader();
        }
        catch (CsvFormatException ex)
        {
            throw new InvalidDataException($"has no readable header row ({ex.Message})", ex);
        }

        if (!csv.TryGetFieldIndex("body", out _) && !csv.TryGetFieldIndex("text", out _))
        {
            throw new InvalidDataException($"has no body or text column (its columns: {string.Join(", ", csv.Headers)}; QaBot reads {ArticleRecords.FieldList})");
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in (string[])["id", "title", "body", "text", "date", "url"])
        {
            if (csv.TryGetFieldIndex(name, out var index))
            {
                columns[name] = index;
            }
        }

        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            ArticleRecords.Add(content, line, name =>
                columns.TryGetValue(name, out var index) && index < csv.FieldCount ? csv.GetString(index) : null);
        }

        if (content.Articles.Count == 0 && content.Problems.Count == 0)
        {
            throw new InvalidDataException("has a header row but no records");
        }

        return content;
    }
}
