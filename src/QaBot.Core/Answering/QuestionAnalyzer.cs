using System.Text.RegularExpressions;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>Reads a <see cref="QuestionAnalysis"/> off a question (and the standalone query that carries earlier turns).</summary>
public static partial class QuestionAnalyzer
{
    public static QuestionAnalysis Analyze(string question, string? standaloneQuery = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = TextNormalizer.Normalize(question);
        var tokens = WordTokenizer.Tokenize(text);
        var (form, formStart, formEnd) = ReadForm(tokens);

        var stems = new List<string>();
        var pairs = new List<(string, string)>();
        string? previous = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (TermAnalyzer.QuestionNoise.Contains(token) || (i >= formStart && i < formEnd))
            {
                continue; // the interrogative ("how many") asks, it is not content; pairs are of consecutive content words
            }

            var stem = TermAnalyzer.Stem(token);
            if (!stems.Contains(stem))
            {
                stems.Add(stem);
            }

            if (previous is not null && previous != stem)
            {
                pairs.Add((previous, stem));
            }

            previous = stem;
        }

        var names = TokenKinds.Names(text).Select(TermAnalyzer.Stem).ToHashSet(StringComparer.Ordinal);
        var numbers = tokens.Where(t => TokenKinds.IsNumber(t) || TokenKinds.IsDate(t)).Select(TermAnalyzer.Stem).Distinct().ToList();
        var keys = stems.Where(s => names.Contains(s) || numbers.Contains(s)).ToList();

        var context = standaloneQuery is null || standaloneQuery == question
            ? []
            : TermAnalyzer.ContentStems(standaloneQuery, TermAnalyzer.QuestionNoise).Distinct().Where(s => !stems.Contains(s)).ToList();

        var quoted = QuoteRegex().Match(text);
        var acronym = AcronymRegex().Match(text);
        return new QuestionAnalysis(
            text,
            form,
            stems,
            context,
            keys,
            numbers,
            pairs,
            TokenKinds.HasNegation(tokens),
            quoted.Success ? quoted.Groups["q"].Value.Trim() : null,
            acronym.Success ? acronym.Value : null,
            form is QuestionForm.Which or QuestionForm.What ? TypeStemAfter(tokens, formEnd) : null);
    }

    /// <summary>The first interrogative, where it starts and the index after it ("how many" is one).</summary>
    private static (QuestionForm Form, int Start, int End) ReadForm(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var form = tokens[i] switch
            {
                "who" or "whom" or "whose" => QuestionForm.Who,
                "when" => QuestionForm.When,
                "where" => QuestionForm.Where,
                "why" => QuestionForm.Why,
                "which" => QuestionForm.Which,
                "what" => QuestionForm.What,
                "how" when i + 1 < tokens.Count && tokens[i + 1] == "many" => QuestionForm.HowMany,
                "how" when i + 1 < tokens.Count && tokens[i + 1] == "much" => QuestionForm.HowMuch,
                "how" => QuestionForm.How,
                _ => QuestionForm.Other,
            };
            if (form != QuestionForm.Other)
            {
                return (form, i, form is QuestionForm.HowMany or QuestionForm.HowMuch ? i + 2 : i + 1);
            }
        }

        return (QuestionForm.Other, 0, 0);
    }

    /// <summary>The last word of the run of content words right after "which"/"what" ("which Australian <c>minister</c>").</summary>
    private static string? TypeStemAfter(List<string> tokens, int start)
    {
        string? last = null;
        for (var i = start; i < tokens.Count && i < start + 3; i++)
        {
            if (TermAnalyzer.StopWords.Contains(tokens[i]) || TokenKinds.IsNumber(tokens[i]))
            {
                if (last is not null)
                {
                    break;
                }

                continue;
            }

            last = tokens[i];
        }

        return last is null ? null : TermAnalyzer.Stem(last);
    }

    [GeneratedRegex(@"\b[A-Z][A-Z0-9&]{1,9}\b")]
    private static partial Regex AcronymRegex();

    [GeneratedRegex("[\"“](?<q>[^\"”]{3,200})[\"”]")]
    private static partial Regex QuoteRegex();
}
