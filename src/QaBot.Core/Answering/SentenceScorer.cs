using System.Text.RegularExpressions;
using QaBot.Core.Retrieval;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>
/// Scores candidate sentences against a question: IDF-weighted coverage of the question's content
/// terms (a term found only in the article's title or date counts half, and so does a common word found
/// only in a neighbouring sentence), a small bonus for terms carried
/// over from earlier turns, a small prior for the passage's retrieval rank, and whether the sentence
/// holds the kind of thing asked for (a name, a date, a number, an acronym's expansion).
/// Pure functions, so the rules can be tested case by case.
/// </summary>
internal static partial class SentenceScorer
{
    private const double NeighbourCredit = 0.5;
    private const double ContextBonus = 0.15;
    private const double RankPrior = 0.05;
    private const double StatementBonus = 0.1;
    private const double HeadlinePenalty = 0.85;

    /// <summary>Stems of reporting verbs: a sentence with one (or a quotation) reports what someone said.</summary>
    private static readonly HashSet<string> ReportingStems =
    [
        "say", "state", "add", "note", "tell", "write", "describ", "call", "urg", "warn", "highlight", "stress", "express",
        "restat", "reiter", "claim", "announc", "declar", "emphas", "emphasis", "affirm", "explain", "insist", "argu", "assert", "remark",
    ];

    public static IReadOnlyList<CandidateSentence> Candidates(IReadOnlyList<RetrievedChunk> passages)
    {
        var seen = new HashSet<(string, int)>();
        var candidates = new List<CandidateSentence>();
        for (var rank = 0; rank < passages.Count; rank++)
        {
            var passage = passages[rank];
            var sentences = SentenceSplitter.Split(passage.Chunk.Text);
            var stems = sentences.Select(s => (IReadOnlySet<string>)TermAnalyzer.ContentStems(s.Text).ToHashSet()).ToList();
            var titleStems = DocumentContextStems(passage.Chunk);
            for (var i = 0; i < sentences.Count; i++)
            {
                var start = passage.Chunk.Start + sentences[i].Start;
                if (!seen.Add((passage.Chunk.DocumentId, start)))
                {
                    continue; // the same sentence from an overlapping chunk
                }

                var neighbours = new HashSet<string>();
                if (i > 0)
                {
                    neighbours.UnionWith(stems[i - 1]);
                }

                if (i + 1 < sentences.Count)
                {
                    neighbours.UnionWith(stems[i + 1]);
                }

                candidates.Add(new CandidateSentence(passage, rank, start, passage.Chunk.Start + sentences[i].End, sentences[i].Text, stems[i], neighbours, titleStems));
            }
        }

        return candidates;
    }

    public static SentenceScore Score(CandidateSentence sentence, QuestionAnalysis question, TermStatistics statistics)
    {
        double total = 0, covered = 0;
        var coveredStems = new HashSet<string>();
        foreach (var stem in question.RequiredStems)
        {
            var weight = statistics.Idf(stem);
            total += weight;
            if (Contains(sentence.Stems, stem))
            {
                covered += weight;
                coveredStems.Add(stem);
            }
            else if (Contains(sentence.TitleStems, stem) || (!question.KeyStems.Contains(stem) && Contains(sentence.NeighbourStems, stem)))
            {
                // Half credit from the article's title or date; names and numbers get none from a
                // neighbouring sentence (a "Japan" in the next sentence does not make this one about Japan).
                covered += weight * NeighbourCredit;
            }
        }

        var coverage = total > 0 ? covered / total : 0;
        if (question.QuotedPhrase is { } quote && Normalise(sentence.Text).Contains(Normalise(quote), StringComparison.Ordinal))
        {
            coverage = Math.Max(coverage, 0.95);
        }

        double contextTotal = 0, contextCovered = 0;
        foreach (var stem in question.ContextStems)
        {
            var weight = statistics.Idf(stem);
            contextTotal += weight;
            if (Contains(sentence.Stems, stem) || Contains(sentence.NeighbourStems, stem) || Contains(sentence.TitleStems, stem))
            {
                contextCovered += weight;
            }
        }

        var typeMatches = HasAnswerType(sentence.Text, question);
        var hasNewContent = sentence.Stems.Any(s => !question.RequiredStems.Any(q => TermAnalyzer.StemsMatch(q, s)));
        var score = coverage
            + (contextTotal > 0 ? ContextBonus * contextCovered / contextTotal : 0)
            + (RankPrior / (1 + sentence.PassageRank))
            + (question.AsksForStatement && ReportsSpeech(sentence) ? StatementBonus : 0);
        if (!typeMatches)
        {
            score *= 0.6;
        }

        if (!hasNewContent)
        {
            score *= 0.3; // it only repeats the question
        }

        var isHeadline = IsHeadline(sentence);
        if (isHeadline)
        {
            score *= HeadlinePenalty; // the headline is shown with the citation; the body says more
        }

        return new SentenceScore(sentence, coverage, typeMatches, score, coveredStems, isHeadline);
    }

    /// <summary>Stems of the article's title and of its date ("july", "jul", "2025"), which every sentence of it is about.</summary>
    private static HashSet<string> DocumentContextStems(Ingestion.TextChunk chunk)
    {
        var stems = TermAnalyzer.ContentStems(chunk.Title).ToHashSet();
        if (chunk.PublishedDate is { } date)
        {
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            stems.UnionWith(TermAnalyzer.ContentStems(date.ToString("MMMM MMM yyyy", culture)));
        }

        return stems;
    }

    public static bool HasAnswerType(string sentence, QuestionAnalysis question) => question.AnswerType switch
    {
        AnswerType.Date => DateRegex().IsMatch(sentence),
        AnswerType.Number => NumberRegex().IsMatch(sentence),
        AnswerType.Person or AnswerType.Place => HasNewName(sentence, question),
        AnswerType.Expansion => question.Acronym is { } acronym && ExpandsAcronym(sentence, acronym),
        _ => true,
    };

    /// <summary>True when the sentence spells out the acronym: "COMPACT (Catalysing Opportunities for …)" or "… (COMPACT)".</summary>
    public static bool ExpandsAcronym(string sentence, string acronym)
    {
        foreach (Match m in ParenthesesRegex().Matches(sentence))
        {
            var inside = m.Groups["inside"].Value;
            var before = sentence[..m.Index].TrimEnd();
            if (before.EndsWith(acronym, StringComparison.Ordinal) && InitialsMatch(inside, acronym))
            {
                return true;
            }

            if (inside.Trim() == acronym)
            {
                var words = before.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var tail = string.Join(' ', words.TakeLast(acronym.Length * 2));
                if (InitialsMatch(tail, acronym))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The capitalised words of <paramref name="expansion"/> start with the acronym's letters, in order.</summary>
    private static bool InitialsMatch(string expansion, string acronym)
    {
        var initials = string.Concat(WordTokenizer.Spans(expansion)
            .Select(s => expansion[s.Start])
            .Where(char.IsUpper));
        var letters = acronym.Where(char.IsLetter).ToArray();
        var j = 0;
        foreach (var c in initials)
        {
            if (j < letters.Length && c == letters[j])
            {
                j++;
            }
        }

        return letters.Length > 1 && j == letters.Length;
    }

    private static bool HasNewName(string sentence, QuestionAnalysis question)
    {
        var first = true;
        foreach (var (start, length) in WordTokenizer.Spans(sentence))
        {
            var word = sentence.Substring(start, length);
            var isFirst = first;
            first = false;
            if (isFirst || !char.IsUpper(word[0]) || length < 2)
            {
                continue;
            }

            var lower = word.ToLowerInvariant();
            if (TermAnalyzer.StopWords.Contains(lower) || DateRegex().IsMatch(word))
            {
                continue;
            }

            var stem = TermAnalyzer.Stem(lower);
            if (!question.RequiredStems.Any(q => TermAnalyzer.StemsMatch(q, stem)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The article's headline line ("Headline" or "date 2025-07-02 Headline").</summary>
    private static bool IsHeadline(CandidateSentence sentence)
    {
        var title = Normalise(sentence.Passage.Chunk.Title);
        return title.Length > 0 && Normalise(sentence.Text).EndsWith(title, StringComparison.Ordinal) && sentence.Text.Length <= title.Length + 20;
    }

    private static bool ReportsSpeech(CandidateSentence sentence) =>
        sentence.Text.IndexOfAny(['"', '“', '”']) >= 0 || sentence.Stems.Any(ReportingStems.Contains);

    private static bool Contains(IReadOnlySet<string> stems, string stem)
    {
        if (stems.Contains(stem))
        {
            return true;
        }

        foreach (var s in stems)
        {
            if (TermAnalyzer.StemsMatch(s, stem))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalise(string text) => string.Join(' ', WordTokenizer.Tokenize(text));

    [GeneratedRegex(@"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow|tonight|(?:19|20)\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:last|this|next|earlier this|later this) (?:week|month|year))\b")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"\((?<inside>[^()]{2,200})\)")]
    private static partial Regex ParenthesesRegex();
}
