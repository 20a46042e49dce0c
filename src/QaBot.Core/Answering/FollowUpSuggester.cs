using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>
/// Suggests follow-up questions from an answer: the multi-word names it mentions that the question
/// did not ("Pete Hegseth", "Kuala Lumpur"), asked about as "What do the articles say about …?" —
/// questions the same articles can answer. A longer run of capitalised words is usually a title before a
/// name ("US Secretary of Defence Pete Hegseth" ends in "Defence Pete Hegseth"), so a run gives its last
/// two words; runs with a calendar word ("July 2025") or inside parentheses are left out.
/// </summary>
public static class FollowUpSuggester
{
    private const int NameWords = 2;

    /// <summary>Courtesy titles (a closed class of English), which are not part of a name.</summary>
    private static readonly HashSet<string> Honorifics = new(StringComparer.OrdinalIgnoreCase) { "mr", "ms", "mrs", "dr", "prof", "sir", "dame" };

    public static IReadOnlyList<string> Suggest(string question, string answerText, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answerText);
        var asked = WordTokenizer.Tokenize(question).ToHashSet();
        var suggestions = new List<string>();
        foreach (var name in Names(answerText))
        {
            var suggestion = $"What do the articles say about {name}?";
            if (suggestions.Count < max && !name.Split(' ').Any(w => asked.Contains(w.ToLowerInvariant())) && !suggestions.Contains(suggestion))
            {
                suggestions.Add(suggestion);
            }
        }

        return suggestions;
    }

    /// <summary>
    /// Runs of capitalised words separated by single spaces or by " of " ("US Secretary of Defence Pete
    /// Hegseth", "Bank of Canada"), not inside parentheses. A run whose last part has two or more words
    /// gives that part's last two words (the name after a title); a run of parts joined by "of" whose last
    /// part is one word gives the whole run ("Bank of Canada"); a lone word gives nothing.
    /// </summary>
    private static IEnumerable<string> Names(string text)
    {
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var s = sentence.Text;
            var parts = new List<List<string>>();
            var previousEnd = -1;
            var depth = 0;
            foreach (var (start, length) in WordTokenizer.Spans(s))
            {
                var gap = previousEnd < 0 ? string.Empty : s[previousEnd..start];
                depth += gap.Count(c => c == '(') - gap.Count(c => c == ')');
                var word = s.Substring(start, length);
                var isFirst = previousEnd < 0;
                if (word == "of" && parts.Count > 0 && gap == " ")
                {
                    continue; // may join two parts of one name: the next word's gap is " of "
                }

                previousEnd = start + length;

                var isName = !isFirst && depth == 0 && length > 1 && char.IsUpper(word[0])
                    && !TermAnalyzer.StopWords.Contains(word.ToLowerInvariant()) && !Honorifics.Contains(word) && !TokenKinds.IsDate(word.ToLowerInvariant());
                if (isName && parts.Count > 0 && gap == " ")
                {
                    parts[^1].Add(word);
                    continue;
                }

                if (isName && parts.Count > 0 && gap == " of ")
                {
                    parts.Add([word]);
                    continue;
                }

                if (Name(parts) is { } name)
                {
                    yield return name;
                }

                parts.Clear();
                if (isName)
                {
                    parts.Add([word]);
                }
            }

            if (Name(parts) is { } last)
            {
                yield return last;
            }
        }
    }

    private static string? Name(List<List<string>> parts) =>
        parts.Count == 0 ? null
        : parts[^1].Count >= NameWords ? string.Join(' ', parts[^1].TakeLast(NameWords))
        : parts.Count >= 2 ? string.Join(" of ", parts.Select(p => string.Join(' ', p)))
        : null;
}
