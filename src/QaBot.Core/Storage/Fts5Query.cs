using System.Text;
using QaBot.Core.Text;

namespace QaBot.Core.Storage;

/// <summary>
/// Turns user text into a safe FTS5 MATCH expression: every word becomes a double-quoted string
/// token and the tokens are OR-ed, so nothing the user types (AND, NEAR(, *, quotes, column
/// filters) is ever read as FTS5 syntax. BM25 ranks documents that match more of the words higher.
/// </summary>
internal static class Fts5Query
{
    /// <summary>The MATCH expression, or null when the text has no words to search for.</summary>
    public static string? FromUserText(string? text, int maxTerms = 64)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in WordTokenizer.Tokenize(text))
        {
            if (seen.Add(token))
            {
                terms.Add(token);
                if (terms.Count == maxTerms)
                {
                    break;
                }
            }
        }

        if (terms.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var term in terms)
        {
            if (builder.Length > 0)
            {
                builder.Append(" OR ");
            }

            // Tokens are letters and digits only, but escape quotes anyway so the rule holds
            // whatever the tokenizer returns.
            builder.Append('"').Append(term.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return builder.ToString();
    }
}
