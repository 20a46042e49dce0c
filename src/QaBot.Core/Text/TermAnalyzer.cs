using Lucene.Net.Tartarus.Snowball.Ext;

namespace QaBot.Core.Text;

/// <summary>
/// Turns text into content terms for matching: lower-cased word tokens minus stop words, each
/// reduced with the Porter stemmer (Lucene.Net's Snowball port — the same algorithm as SQLite FTS5's
/// <c>porter</c> tokenizer, so sentence matching agrees with BM25).
/// </summary>
public static class TermAnalyzer
{
    [ThreadStatic]
    private static PorterStemmer? stemmer;

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

    /// <summary>Stop words plus the verbs of asking and reporting that say nothing about the answer itself.</summary>
    public static readonly IReadOnlySet<string> QuestionNoise = new HashSet<string>(StopWords, StringComparer.Ordinal)
    {
        "say", "said", "says", "tell", "told", "mention", "mentioned", "according", "want", "wants", "wanted",
        "know", "think", "thought", "see", "saw", "seen", "get", "got", "go", "went", "make", "made", "take", "took",
        "happen", "happened", "give", "gave", "please", "article", "articles", "news", "report", "reported",
    };

    /// <summary>Past forms of common irregular verbs, which no suffix stemmer can merge ("met" → "meet").</summary>
    private static readonly Dictionary<string, string> IrregularForms = new(StringComparer.Ordinal)
    {
        ["met"] = "meet", ["held"] = "hold", ["won"] = "win", ["lost"] = "lose", ["led"] = "lead", ["told"] = "tell",
        ["said"] = "say", ["saw"] = "see", ["seen"] = "see", ["made"] = "make", ["took"] = "take", ["taken"] = "take",
        ["gave"] = "give", ["given"] = "give", ["came"] = "come", ["went"] = "go", ["gone"] = "go", ["sold"] = "sell",
        ["bought"] = "buy", ["spoke"] = "speak", ["spoken"] = "speak", ["wrote"] = "write", ["written"] = "write",
        ["began"] = "begin", ["begun"] = "begin", ["chose"] = "choose", ["chosen"] = "choose", ["felt"] = "feel",
        ["kept"] = "keep", ["brought"] = "bring", ["thought"] = "think", ["sought"] = "seek", ["found"] = "find",
        ["fell"] = "fall", ["fallen"] = "fall", ["rose"] = "rise", ["risen"] = "rise", ["grew"] = "grow", ["grown"] = "grow",
        ["knew"] = "know", ["known"] = "know", ["struck"] = "strike", ["sent"] = "send", ["spent"] = "spend",
        ["built"] = "build", ["paid"] = "pay", ["ran"] = "run", ["stood"] = "stand", ["fought"] = "fight",
        ["taught"] = "teach", ["caught"] = "catch", ["drew"] = "draw", ["drawn"] = "draw", ["flew"] = "fly",
        ["flown"] = "fly", ["became"] = "become", ["broke"] = "break", ["broken"] = "break", ["hung"] = "hang",
        ["shot"] = "shoot", ["sang"] = "sing", ["sung"] = "sing", ["swore"] = "swear", ["sworn"] = "swear",
        ["understood"] = "understand", ["withdrew"] = "withdraw", ["withdrawn"] = "withdraw", ["forgave"] = "forgive",
    };

    public static string Stem(string lowerCaseWord)
    {
        if (IrregularForms.TryGetValue(lowerCaseWord, out var baseForm))
        {
            lowerCaseWord = baseForm;
        }

        stemmer ??= new PorterStemmer();
        stemmer.SetCurrent(lowerCaseWord);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>Stems of the content words of <paramref name="text"/>, in order, duplicates kept.</summary>
    public static List<string> ContentStems(string text, IReadOnlySet<string>? stopWords = null)
    {
        stopWords ??= StopWords;
        var stems = new List<string>();
        foreach (var token in WordTokenizer.Tokenize(text))
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
        if (a == b)
        {
            return true;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return shorter.Length >= 5 && longer.Length - shorter.Length <= 3 && longer.StartsWith(shorter, StringComparison.Ordinal);
    }
}
