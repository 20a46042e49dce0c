using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace QaBot.Core.Text;

/// <summary>
/// The one text analyzer of QaBot, used alike for what is indexed, for the keyword query, for the term
/// statistics and for scoring sentences: text is normalised (<see cref="TextNormalizer.Normalize"/>:
/// NFKC, invisible format characters removed), split into word tokens (<see cref="WordTokenizer"/>),
/// lower-cased, stripped of diacritics, irregular verb forms mapped to their base
/// (<see cref="IrregularVerbs"/>) and reduced with the Porter stemmer (Lucene.Net's Snowball port).
/// The keyword index stores exactly these terms (<see cref="IndexTerms"/>), so a question's "won" finds
/// an article's "win" and the statistics count the same terms the scorer weighs.
/// </summary>
public static class TermAnalyzer
{
    /// <summary>
    /// Names this analyzer; an index records it, and an index built by another version is rebuilt
    /// (its keyword terms would no longer match the questions').
    /// </summary>
    public const string Version = "qabot-analyzer-2";

    /// <summary>Words remembered per thread; a news corpus uses far fewer distinct words than this.</summary>
    private const int MaxCachedStems = 100_000;

    [ThreadStatic]
    private static PorterStemmer? stemmer;

    /// <summary>
    /// Each thread's word → stem map: indexing analyzes every token of every chunk, and Zipf's law makes
    /// most of them repeats, so the stemmer (an allocation per call) runs once per distinct word.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<string, string>? stems;

    /// <summary>Function words that carry no content in questions or passages.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "into", "onto", "about", "over", "under", "after", "before", "between", "during", "through", "than", "then",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing", "have", "has",
        "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
        "it", "its", "this", "that", "these", "those", "there", "here", "he", "she", "they", "them", "his", "her",
        "hers", "their", "theirs", "him", "we", "us", "our", "you", "your", "i", "me", "my", "mine", "itself",
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "whether",
        "not", "no", "so", "if", "also", "too", "very", "just", "only", "any", "some", "all", "each", "both",
        "s", "t", "d", "ll", "re", "ve", "m",
    };

    /// <summary>
    /// Stop words plus the words of asking about an article that say nothing about the answer itself
    /// ("tell me", "according to the article", "what did X say"): the keyword query leaves them out.
    /// </summary>
    public static readonly IReadOnlySet<string> QuestionNoise = new HashSet<string>(StopWords, StringComparer.Ordinal)
    {
        "say", "said", "says", "tell", "told", "mention", "mentioned", "according", "please", "know", "article", "articles",
    };

    /// <summary>The analyzed form of one lower-case word token: diacritics removed, irregular forms mapped, Porter-stemmed.</summary>
    public static string Stem(string lowerCaseWord)
    {
        ArgumentNullException.ThrowIfNull(lowerCaseWord);
        stems ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (stems.TryGetValue(lowerCaseWord, out var known))
        {
            return known;
        }

        if (stems.Count >= MaxCachedStems)
        {
            stems.Clear();
        }

        var stem = StemUncached(lowerCaseWord);
        stems[lowerCaseWord] = stem;
        return stem;
    }

    private static string StemUncached(string lowerCaseWord)
    {
        var word = FoldDiacritics(lowerCaseWord);
        if (IrregularVerbs.BaseForms.TryGetValue(word, out var baseForm))
        {
            word = baseForm;
        }

        stemmer ??= new PorterStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>Every token of <paramref name="text"/> analyzed, stop words included, in order.</summary>
    public static List<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        var terms = new List<string>();
        foreach (var (start, length) in WordTokenizer.Spans(normalized))
        {
            terms.Add(StemToken(normalized.AsSpan(start, length)));
        }

        return terms;
    }

    /// <summary>The text as the keyword index stores it: its terms (<see cref="Terms"/>) separated by spaces.</summary>
    public static string IndexTerms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        var builder = new StringBuilder(normalized.Length);
        foreach (var (start, length) in WordTokenizer.Spans(normalized))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(StemToken(normalized.AsSpan(start, length)));
        }

        return builder.ToString();
    }

    /// <summary>
    /// <see cref="Stem"/> of a token as it stands in the text (any case), without a string for a word the
    /// thread has stemmed before.
    /// </summary>
    private static string StemToken(ReadOnlySpan<char> token)
    {
        const int MaxStackToken = 64;
        if (token.Length > MaxStackToken)
        {
            return Stem(token.ToString().ToLowerInvariant());
        }

        Span<char> lower = stackalloc char[MaxStackToken];
        var written = token.ToLowerInvariant(lower);
        stems ??= new Dictionary<string, string>(StringComparer.Ordinal);
        return stems.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(lower[..written], out var known)
            ? known
            : Stem(lower[..written].ToString());
    }

    /// <summary>Stems of the content words of <paramref name="text"/> (stop words left out), in order, duplicates kept.</summary>
    public static List<string> ContentStems(string text, IReadOnlySet<string>? stopWords = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        stopWords ??= StopWords;
        var stems = new List<string>();
        foreach (var token in WordTokenizer.Tokenize(TextNormalizer.Normalize(text)))
        {
            if (!stopWords.Contains(token))
            {
                stems.Add(Stem(token));
            }
        }

        return stems;
    }

    /// <summary>
    /// True when two stems are the same word or one is a prefix (of 5+ letters) of the other
    /// ("australia"/"australian", "india"/"indian"), which the Porter stemmer does not merge.
    /// </summary>
    public static bool StemsMatch(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a == b)
        {
            return true;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return shorter.Length >= 5 && longer.Length - shorter.Length <= 3 && longer.StartsWith(shorter, StringComparison.Ordinal);
    }

    /// <summary>"quillabée" → "quillabee": letters without their combining marks (as FTS5's remove_diacritics did).</summary>
    public static string FoldDiacritics(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var ascii = true;
        foreach (var c in word)
        {
            if (c > 0x7F)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return word;
        }

        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
