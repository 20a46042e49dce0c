using System.Text;
using QaBot.Core.Text;

namespace QaBot.Core.Storage;

/// <summary>
/// Turns user text into a safe FTS5 MATCH expression: every word becomes a double-quoted string
/// token and the tokens are OR-ed, so nothing the user types (AND, NEAR(, *, quotes, column
/// filters) is ever read as FTS5 syntax. BM25 ranks documents that match more of the words higher.
/// Stop words are left out (unless the text has nothing else): they would match nearly every chunk,
/// which costs a full scan of the index for almost no ranking signal.
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

        var tokens = WordTokenizer.Tokenize(text).Distinct(StringComparer.Ordinal).ToList();
        var content = tokens.Where(t => !TermAnalyzer.StopWords.Contains(t)).ToList();
        var terms = (content.Count > 0 ? content : tokens).Take(maxTerms).ToList();

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
