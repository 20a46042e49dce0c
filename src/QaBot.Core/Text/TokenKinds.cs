using System.Text.RegularExpressions;

namespace QaBot.Core.Text;

/// <summary>
/// Closed-class word categories of English that say what kind of thing a token is — numbers (digits
/// and number words), calendar words (months, weekdays) and years, negations — and the proper-name
/// heuristic (a capitalised word that does not start its sentence). Grammar, not vocabulary of any
/// corpus: the answer model reads these as features.
/// </summary>
public static partial class TokenKinds
{
    private static readonly HashSet<string> NumberWords = new(StringComparer.Ordinal)
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
        "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million",
        "millions", "billion", "billions", "trillion", "dozen", "dozens", "half", "percent",
    };

    private static readonly HashSet<string> CalendarWords = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "century", "centuries", "decade",
        "decades", "yesterday", "today", "tomorrow",
    };

    private static readonly HashSet<string> NegationWords = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "nowhere",
    };

    /// <summary>A token with a digit, or a number word ("seven", "million").</summary>
    public static bool IsNumber(string lowerToken)
    {
        ArgumentNullException.ThrowIfNull(lowerToken);
        return lowerToken.Any(char.IsDigit) || NumberWords.Contains(lowerToken);
    }

    /// <summary>A month, weekday or other calendar word, or a plausible year (1000–2199).</summary>
    public static bool IsDate(string lowerToken)
    {
        ArgumentNullException.ThrowIfNull(lowerToken);
        return CalendarWords.Contains(lowerToken) || YearRegex().IsMatch(lowerToken);
    }

    /// <summary>
    /// True when the lower-cased tokens hold a negation: "not", "never", "without" … or the "n't" of a
    /// contraction, which the tokenizer splits into a word ending in "n" and a lone "t" ("didn", "t").
    /// </summary>
    public static bool HasNegation(IReadOnlyList<string> lowerTokens)
    {
        ArgumentNullException.ThrowIfNull(lowerTokens);
        for (var i = 0; i < lowerTokens.Count; i++)
        {
            if (NegationWords.Contains(lowerTokens[i]) || (lowerTokens[i] == "t" && i > 0 && lowerTokens[i - 1].EndsWith('n')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The capitalised words of <paramref name="text"/> that do not start a sentence and are not function words (lower-cased).</summary>
    public static List<string> Names(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new List<string>();
        var sentenceStart = true;
        var previousEnd = 0;
        foreach (var (start, length) in WordTokenizer.Spans(text))
        {
            // A sentence starts at the text's start and after . ! ? : or a line break between two words.
            for (var i = previousEnd; i < start && !sentenceStart; i++)
            {
                sentenceStart = text[i] is '.' or '!' or '?' or '\n' or ':' or '"' or '“';
            }

            var word = text.Substring(start, length);
            if (!sentenceStart && char.IsUpper(word[0]) && length > 1 && !TermAnalyzer.StopWords.Contains(word.ToLowerInvariant()))
            {
                names.Add(word.ToLowerInvariant());
            }

            sentenceStart = false;
            previousEnd = start + length;
        }

        return names;
    }

    [GeneratedRegex(@"^(1\d{3}|20\d{2}|21\d{2})s?$")]
    private static partial Regex YearRegex();
}
