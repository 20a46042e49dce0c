using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>
/// Suggests follow-up questions from an answer: the multi-word names it mentions that the question
/// did not ("Pete Hegseth", "Kuala Lumpur"), asked about as "What do the articles say about …?" —
/// questions the same articles can answer. Titles ("US Secretary of Defence") split names and are
/// left out; so are single words, months and parenthesised expansions.
/// </summary>
public static class FollowUpSuggester
{
    private const int MaxNameWords = 4;

    private static readonly HashSet<string> TitleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "minister", "ministers", "secretary", "president", "ambassador", "prime", "foreign", "defence", "defense", "external",
        "affairs", "state", "us", "deputy", "principal", "spokesperson", "commerce", "energy", "union", "chief", "general",
        "mr", "ms", "mrs", "dr", "fm", "pm", "department", "industry", "the", "senator", "governor", "king", "queen",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };

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

    /// <summary>Runs of 2–4 capitalised words with single spaces between them, not inside parentheses.</summary>
    private static IEnumerable<string> Names(string text)
    {
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var s = sentence.Text;
            var run = new List<string>();
            var previousEnd = -1;
            var depth = 0;
            foreach (var (start, length) in WordTokenizer.Spans(s))
            {
                var gap = previousEnd < 0 ? string.Empty : s[previousEnd..start];
                depth += gap.Count(c => c == '(') - gap.Count(c => c == ')');
                var word = s.Substring(start, length);
                var isName = previousEnd >= 0 && depth == 0 && length > 1 && char.IsUpper(word[0])
                    && !TermAnalyzer.StopWords.Contains(word.ToLowerInvariant()) && !TitleWords.Contains(word);
                previousEnd = start + length;
                if (isName && (run.Count == 0 || gap == " "))
                {
                    run.Add(word);
                    continue;
                }

                if (run.Count is >= 2 and <= MaxNameWords)
                {
                    yield return string.Join(' ', run);
                }

                run.Clear();
                if (isName)
                {
                    run.Add(word);
                }
            }

            if (run.Count is >= 2 and <= MaxNameWords)
            {
                yield return string.Join(' ', run);
            }
        }
    }
}
