using System.Text;
using QaBot.Core.Text;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// The keyword index's text in PostgreSQL's own input syntax: a <c>tsvector</c> literal of the analyzer's
/// terms with their positions, and <c>tsquery</c> literals of <see cref="KeywordQuery"/>'s words and
/// phrases. Lexemes are quoted and cast as they are, so PostgreSQL's parser and dictionaries never split,
/// merge or stem them again: both engines index and search exactly <see cref="TermAnalyzer"/>'s terms.
/// (<c>to_tsvector('simple', …)</c> would re-tokenize them: it keeps "u.s" and "3.5" whole, adds
/// "café-au-lait" beside its parts, and drops non-ASCII letters under a C locale.)
/// </summary>
/// <remarks>
/// PostgreSQL's limits, which FTS5 does not have, bite only on text no article holds: a lexeme of more
/// than 2,046 bytes is left out of the vector (it could not be searched for anyway), positions past
/// 16,383 are not recorded, and at most 256 positions are kept per lexeme (so such a term's frequency is
/// capped at 256). Every term still counts towards the chunk's length.
/// </remarks>
internal static class TsText
{
    private const int MaxLexemeBytes = 2046;
    private const int MaxPosition = 16383;
    private const int MaxPositionsPerLexeme = 256;

    /// <summary>The <c>tsvector</c> literal of <paramref name="text"/>'s analyzed terms and how many terms it has (BM25's document length).</summary>
    public static (string Vector, int TermCount) Vector(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // An empty term (the stem of a lone "s", as in "U.S.") is no token to FTS5 either: it neither
        // counts towards the length nor takes a position.
        var terms = TermAnalyzer.Terms(text).Where(t => t.Length > 0).ToList();
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < terms.Count && i < MaxPosition; i++)
        {
            var term = terms[i];
            if (Encoding.UTF8.GetByteCount(term) > MaxLexemeBytes)
            {
                continue;
            }

            if (!positions.TryGetValue(term, out var list))
            {
                positions[term] = list = [];
                order.Add(term);
            }

            if (list.Count < MaxPositionsPerLexeme)
            {
                list.Add(i + 1);
            }
        }

        var builder = new StringBuilder(text.Length + (order.Count * 4));
        foreach (var term in order)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Lexeme(term)).Append(':').AppendJoin(',', positions[term]);
        }

        return (builder.ToString(), terms.Count);
    }

    /// <summary>One word (<c>'money'</c>) or an ordered phrase (<c>'money' &lt;-&gt; 'suppli'</c>) as a <c>tsquery</c> literal.</summary>
    /// <remarks>Empty stems are left out, as FTS5 reads <c>"u "</c> as the phrase "u"; no stems at all give an empty string.</remarks>
    public static string Query(IReadOnlyList<string> stems)
    {
        ArgumentNullException.ThrowIfNull(stems);
        return string.Join(" <-> ", stems.Where(s => s.Length > 0).Select(Lexeme));
    }

    /// <summary>A chunk matches when it holds any of the query's words or phrases.</summary>
    public static string AnyOf(KeywordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Join(" | ", query.Terms.Select(Query).Where(q => q.Length > 0).Select(q => "(" + q + ")"));
    }

    /// <summary>A quoted lexeme: quotes doubled and backslashes escaped, as the tsvector and tsquery input syntax wants.</summary>
    private static string Lexeme(string term) =>
        "'" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
