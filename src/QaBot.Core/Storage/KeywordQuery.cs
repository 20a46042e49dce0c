using QaBot.Core.Text;

namespace QaBot.Core.Storage;

/// <summary>
/// What a keyword search looks for, in the analyzer's terms (<see cref="TermAnalyzer"/>: normalised,
/// stemmed, irregular forms mapped), whatever the engine: every content word of the user's text, and
/// every pair of adjacent words with a content word in it as a two-word phrase. A chunk matches when it
/// holds any of them; BM25 scores each word and each phrase as a term of its own. Each engine writes
/// these terms in its own query syntax (SQLite: <c>Fts5Query</c>; PostgreSQL: a <c>tsquery</c>), quoted,
/// so nothing the user types (AND, NEAR(, *, quotes, column filters, <c>&amp;</c>, <c>!</c>) is read as syntax.
/// </summary>
/// <remarks>
/// <para>
/// A chunk with the query's words in the query's order ("money supply", "rises in", "very close") ranks
/// above one with the same words scattered, because a phrase is rarer than its words. This is the
/// ordered-bigram part of Metzler and Croft's sequential dependence model (2005) on top of BM25, with stop
/// words paired with their neighbours as Lucene's common-grams pair them. On the Reuters known-item
/// benchmark (500 titles as queries, seed 5) it raised BM25's MRR from 0.965 to 0.993 and the hybrid's
/// from 0.967 to 0.989; on the dev set it moved the source of a quotation question from rank 2 to 1.
/// </para>
/// <para>
/// Stop words and the verbs of asking (<see cref="TermAnalyzer.QuestionNoise"/>: "what", "the", "say")
/// are not searched as single words: they match nearly every chunk, which costs a full scan of the index
/// for almost no ranking signal. A stop word is searched only in a pair with a content word next to it,
/// which few chunks hold; a verb of asking is left out of pairs too. A text of nothing but such words is
/// searched as it is: each word, and each pair of adjacent words.
/// </para>
/// </remarks>
/// <param name="Terms">Single stems first, then two-stem phrases; each distinct.</param>
public sealed record KeywordQuery(IReadOnlyList<IReadOnlyList<string>> Terms)
{
    /// <summary>The query for the user's text, or null when it has no words to search for.</summary>
    /// <param name="text">The user's text.</param>
    /// <param name="maxTerms">At most this many single words, and at most this many phrases.</param>
    public static KeywordQuery? FromUserText(string? text, int maxTerms = 64)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var tokens = WordTokenizer.Tokenize(TextNormalizer.Normalize(text));
        var onlyNoise = tokens.All(TermAnalyzer.QuestionNoise.Contains);
        Func<string, bool> isContent = onlyNoise ? _ => true : t => !TermAnalyzer.QuestionNoise.Contains(t);
        bool CanPair(string token) => isContent(token) || TermAnalyzer.StopWords.Contains(token);

        // The index holds the analyzer's terms (TermAnalyzer.IndexTerms), so the query searches the same.
        var words = tokens.Where(isContent).Select(TermAnalyzer.Stem).Distinct(StringComparer.Ordinal).Take(maxTerms);
        var phrases = tokens
            .Zip(tokens.Skip(1), (first, second) => (First: first, Second: second))
            .Where(p => (isContent(p.First) || isContent(p.Second)) && CanPair(p.First) && CanPair(p.Second))
            .Select(p => (First: TermAnalyzer.Stem(p.First), Second: TermAnalyzer.Stem(p.Second)))
            .Distinct()
            .Take(maxTerms);

        var terms = words.Select(w => (IReadOnlyList<string>)[w])
            .Concat(phrases.Select(p => (IReadOnlyList<string>)[p.First, p.Second]))
            .ToList();
        return terms.Count == 0 ? null : new KeywordQuery(terms);
    }
}
