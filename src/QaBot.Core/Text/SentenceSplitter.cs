namespace QaBot.Core.Text;

/// <summary>
/// Splits text into sentences with their character offsets. A line break always ends a sentence
/// (news paragraphs and headings are lines); inside a line a sentence ends at '.', '!' or '?'
/// (plus closing quotes/brackets) followed by white space and an upper-case letter, digit or
/// opening quote — except after abbreviations ("Dr.", "U.S.", "Jan.") and initials ("S. Jaishankar"),
/// and except inside a quotation, which stays whole with its attribution.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "lt", "col", "capt", "sgt", "rep", "sen",
        "gov", "pres", "rev", "hon", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "univ", "est",
        "approx", "fig", "vol", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m",
    };

    private const int MaxQuotedSentenceChars = 600;

    public static IReadOnlyList<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>();
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            SplitLine(text, lineStart, lineEnd, sentences);
            lineStart = lineEnd + 1;
        }

        return sentences;
    }

    private static void SplitLine(string text, int start, int end, List<Sentence> sentences)
    {
        var sentenceStart = SkipWhite(text, start, end);
        var i = sentenceStart;
        var quoteOpenedAt = -1;
        while (i < end)
        {
            var c = text[i];
            if (c == '“' || (c == '"' && quoteOpenedAt < 0))
            {
                quoteOpenedAt = i;
            }
            else if (c == '”' || c == '"')
            {
                quoteOpenedAt = -1;
            }

            // A quotation stays in one sentence with its attribution ("… trust. …,” Goyal explained),
            // unless the quote mark was never closed and the run grows too long.
            if (c is '.' or '!' or '?' or '…')
            {
                var boundary = i + 1;
                var closesQuote = false;
                while (boundary < end && IsCloser(text[boundary]))
                {
                    closesQuote |= text[boundary] is '”' or '"';
                    boundary++;
                }

                var insideQuote = quoteOpenedAt >= 0 && !closesQuote && i - quoteOpenedAt < MaxQuotedSentenceChars;
                if (insideQuote)
                {
                    i++;
                    continue;
                }

                var next = SkipWhite(text, boundary, end);
                if (next > boundary && next < end && StartsSentence(text[next]) && !IsAbbreviation(text, sentenceStart, i))
                {
                    Add(text, sentenceStart, boundary, sentences);
                    if (closesQuote)
                    {
                        quoteOpenedAt = -1;
                    }

                    sentenceStart = next;
                    i = next;
                    continue;
                }
            }

            i++;
        }

        Add(text, sentenceStart, end, sentences);
    }

    private static void Add(string text, int start, int end, List<Sentence> sentences)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new Sentence(start, end, text[start..end]));
        }
    }

    private static int SkipWhite(string text, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '”' or '’' or '»';

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '“' or '‘' or '(' or '[' or '«';

    /// <summary>True when the '.' at <paramref name="dot"/> ends an abbreviation or an initial, not a sentence.</summary>
    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        if (text[dot] != '.')
        {
            return false;
        }

        var wordStart = dot;
        while (wordStart > sentenceStart && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        if (word.Length == 0)
        {
            return false;
        }

        // A single capital letter is an initial ("S. Jaishankar", "Donald J. Trump").
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true;
        }

        return Abbreviations.Contains(word);
    }
}
