using System.Globalization;
using System.Text.Json;

namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// Reads an article dump in JSON Lines (one JSON object per line, as news archives are often exported):
/// each object is one article (<see cref="ArticleRecords"/>). Blank lines are passed over; a line that is
/// not a JSON object, or an object without text, is named and left out, and the rest is read.
/// </summary>
internal static class JsonLinesArticleReader
{
    public static FileContent Read(string text)
    {
        var content = new FileContent();
        var number = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            number++;
            if (line.IsWhiteSpace())
            {
                continue;
            }

            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(line.ToString(), new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException ex)
            {
                content.Problems.Add(string.Create(CultureInfo.InvariantCulture, $"has a line ({number}) that is not valid JSON ({ex.Message})"));
                continue;
            }

            using (json)
            {
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    content.Problems.Add(string.Create(CultureInfo.InvariantCulture, $"has a line ({number}) that is not a JSON object"));
                    continue;
                }

                var root = json.RootElement;
                ArticleRecords.Add(content, number, name => Field(root, name));
            }
        }

        if (content.Articles.Count == 0 && content.Problems.Count == 0)
        {
            throw new InvalidDataException("has no records (no JSON object on any line)");
        }

        return content;
    }

    /// <summary>A field's value as text (strings as they are, numbers as written); null when absent or null.</summary>
    private static string? Field(JsonElement record, string name)
    {
        foreach (var property in record.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => null,
                };
            }
        }

        return null;
    }
}
