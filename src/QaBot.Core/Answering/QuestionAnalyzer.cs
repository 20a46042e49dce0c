using System.Text.RegularExpressions;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>Reads the answer type and the content terms off a question (see <see cref="QuestionAnalysis"/>).</summary>
public static partial class QuestionAnalyzer
{
    private static readonly HashSet<string> DateTypeWords = ["day", "date", "year", "month", "time", "week", "days"];
    private static readonly HashSet<string> PlaceTypeWords = ["city", "country", "place", "venue", "capital", "town", "location", "state"];
    private static readonly HashSet<string> PersonTypeWords = ["person", "official", "leader", "minister", "ambassador", "ambassadors", "people", "officials", "leaders", "ministers", "spokesperson", "secretary"];
    private static readonly HashSet<string> KindWords = ["kind", "type", "sort", "kinds", "types", "sorts"];
    private static readonly HashSet<string> ExpansionWords = ["acronym", "abbreviation", "stand", "stands", "short", "initials"];
    private static readonly HashSet<string> StatementWords = ["say", "said", "says", "tell", "told", "describe", "described", "claim", "claimed", "comment", "commented", "mention", "mentioned", "react", "reacted", "respond", "responded", "warn", "warned"];
    private static readonly HashSet<string> NumberWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "much"];

    public static QuestionAnalysis Analyze(string question, string? contextText = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var tokens = WordTokenizer.Tokenize(question);
        var answerType = AnswerType.Any;
        var typeWords = new List<string>();

        var wh = tokens.FindIndex(t => t is "who" or "whom" or "whose" or "when" or "where" or "which" or "what" or "how");
        if (wh >= 0)
        {
            switch (tokens[wh])
            {
                case "who" or "whom" or "whose":
                    answerType = AnswerType.Person;
                    break;
                case "when":
                    answerType = AnswerType.Date;
                    break;
                case "where":
                    answerType = AnswerType.Place;
                    break;
                case "how" when wh + 1 < tokens.Count && tokens[wh + 1] is "many" or "much":
                    answerType = AnswerType.Number;
                    break;
                case "which" or "what":
                    typeWords.AddRange(TypeWordsAfter(tokens, wh + 1));
                    answerType = typeWords.Any(DateTypeWords.Contains) ? AnswerType.Date
                        : typeWords.Any(PlaceTypeWords.Contains) ? AnswerType.Place
                        : typeWords.Any(PersonTypeWords.Contains) ? AnswerType.Person
                        : AnswerType.Any;
                    break;
            }
        }

        string? acronym = null;
        if (tokens.Any(ExpansionWords.Contains) && AcronymRegex().Match(question) is { Success: true } m)
        {
            acronym = m.Value;
            answerType = AnswerType.Expansion;
        }

        var skip = new HashSet<string>(typeWords);
        if (answerType == AnswerType.Expansion)
        {
            skip.UnionWith(ExpansionWords);
        }

        var required = new List<string>();
        foreach (var token in tokens)
        {
            if (TermAnalyzer.QuestionNoise.Contains(token) || skip.Contains(token) || NumberWords.Contains(token))
            {
                continue;
            }

            var stem = TermAnalyzer.Stem(token);
            if (!required.Contains(stem))
            {
                required.Add(stem);
            }
        }

        var context = contextText is null
            ? []
            : TermAnalyzer.ContentStems(contextText, TermAnalyzer.QuestionNoise).Distinct().Where(s => !required.Contains(s)).ToList();

        var quoted = QuoteRegex().Match(question);
        return new QuestionAnalysis(
            required,
            context,
            answerType,
            typeWords,
            acronym,
            quoted.Success ? quoted.Groups["q"].Value.Trim() : null)
        {
            AsksForStatement = tokens.Any(StatementWords.Contains),
            KeyStems = KeyStemsOf(question, required),
        };
    }

    /// <summary>Required stems of capitalised words (not the first word) and numbers.</summary>
    private static List<string> KeyStemsOf(string question, List<string> required)
    {
        var keys = new List<string>();
        var first = true;
        foreach (var (start, length) in WordTokenizer.Spans(question))
        {
            var word = question.Substring(start, length);
            var isKey = !first && (char.IsUpper(word[0]) || char.IsDigit(word[0]));
            first = false;
            if (!isKey)
            {
                continue;
            }

            var stem = TermAnalyzer.Stem(word.ToLowerInvariant());
            if (required.Contains(stem) && !keys.Contains(stem))
            {
                keys.Add(stem);
            }
        }

        return keys;
    }

    /// <summary>The noun(s) naming the answer's type after "which"/"what": "which two <c>ambassadors</c>", "what <c>kind</c> of".</summary>
    private static IEnumerable<string> TypeWordsAfter(List<string> tokens, int start)
    {
        var words = new List<string>();
        for (var i = start; i < tokens.Count && words.Count < 3; i++)
        {
            var token = tokens[i];
            if (NumberWords.Contains(token))
            {
                continue;
            }

            if (TermAnalyzer.StopWords.Contains(token))
            {
                break;
            }

            words.Add(token);
            if (KindWords.Contains(token))
            {
                break; // "what kind of X": X is content, not type
            }
        }

        // Only the last word names the type ("which Australian minister" → minister); earlier ones are content.
        return words.Count == 0 ? [] : [words[^1]];
    }

    [GeneratedRegex(@"\b[A-Z][A-Z0-9&]{1,9}\b")]
    private static partial Regex AcronymRegex();

    [GeneratedRegex("[\"“](?<q>[^\"”]{3,200})[\"”]")]
    private static partial Regex QuoteRegex();
}
