using System.Text;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>
/// Writes a <see cref="KeywordQuery"/> as an FTS5 MATCH expression: every word a double-quoted string
/// token, every phrase a double-quoted two-word phrase, all OR-ed, so nothing the user typed is read as
/// FTS5 syntax.
/// </summary>
internal static class Fts5Query
{
    /// <summary>The MATCH expression for the user's text, or null when it has no words to search for.</summary>
    public static string? FromUserText(string? text) => KeywordQuery.FromUserText(text) is { } query ? Format(query) : null;

    public static string Format(KeywordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new StringBuilder();
        foreach (var term in query.Terms)
        {
            if (builder.Length > 0)
            {
                builder.Append(" OR ");
            }

            // Stems are letters and digits only, but escape quotes anyway so the rule holds whatever the
            // tokenizer returns.
            builder.Append('"').Append(string.Join(' ', term).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return builder.ToString();
    }
}
