using System.Numerics.Tensors;
using QaBot.Core.Answering.Encoding;
using QaBot.Core.Retrieval;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>
/// The features of a (question, candidate sentence) pair that the answer model reads. Each is a general
/// property of the pair — how much of the question the sentence covers, lexically (IDF-weighted over
/// the index's statistics) and semantically (the neural encoder's sentence vectors), whether
/// it holds the kind of thing asked for, what of the question it lacks (names, numbers, rare words,
/// a negation). None names a word of any corpus, and none describes how the corpus was chunked or how
/// retrieval ranked the passage (such features tied the model to SQuAD's layout; see the README).
/// Pure functions: the same inputs give the same features (see the table test).
/// </summary>
public static class AnswerFeatures
{
    /// <summary>Feature names, in the order of the values (the model file records them too).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "cov_sentence", "cov_window", "cov_passage", "cov_title",
        "miss_idf_sentence", "miss_idf_window", "miss_idf_passage", "unknown_share",
        "pair_cov", "question_terms", "key_missing_window", "number_missing_window",
        "cos_sentence", "cos_rank", "cos_gap", "cov_rank", "cov_gap",
        "form_other", "form_who", "form_when", "form_where", "form_why", "form_how", "form_how_many", "form_how_much", "form_which", "form_what",
        "new_number", "new_date", "new_name", "new_share",
        "question_negated", "window_negated", "negation_mismatch",
        "log_tokens",
        "type_in_window", "acronym_expanded", "quote_match", "context_cov",
    ];

    public static int Count => Names.Count;

    private const int MissingRank = 50;

    /// <summary>Features of every candidate (rows in the candidates' order).</summary>
    public static float[][] Compute(
        QuestionAnalysis question,
        EncodedSentence questionEncoding,
        IReadOnlyList<CandidateSentence> candidates,
        IReadOnlyList<EncodedSentence> encodings,
        TermStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(questionEncoding);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(encodings);
        ArgumentNullException.ThrowIfNull(statistics);
        if (encodings.Count != candidates.Count)
        {
            throw new ArgumentException("One encoding per candidate is required.", nameof(encodings));
        }

        var cosines = encodings.Select(e => TensorPrimitives.Dot(questionEncoding.Vector, e.Vector)).ToArray();
        var cosRank = Ranks(cosines);

        var bestCos = cosines.Length == 0 ? 0 : cosines.Max();
        var maxIdf = Math.Log(1 + ((statistics.ChunkCount + 0.5) / 0.5));
        var weights = question.Stems.ToDictionary(s => s, s => statistics.Idf(s), StringComparer.Ordinal);
        var totalWeight = weights.Values.Sum();
        var unknown = totalWeight > 0 ? question.Stems.Where(s => statistics.DocumentFrequency(s) == 0).Sum(s => weights[s]) / totalWeight : 0;
        var questionTokens = WordTokenizer.Tokenize(question.Text);
        var questionStemSet = question.Stems.ToHashSet(StringComparer.Ordinal);

        // How the sentence ranks among the candidates by lexical coverage (as by cosine above): the encoder tells
        // sentences on one topic apart poorly when they differ only in a name or a number.
        var coverages = candidates.Select(c => Coverage(question.Stems, weights, totalWeight, s => Contains(c.Stems, s))).ToArray();
        var coverageRank = Ranks(coverages);
        var bestCoverage = coverages.Length == 0 ? 0 : coverages.Max();

        var rows = new float[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var f = new float[Count];
            var k = 0;

            // Lexical coverage of the question's content terms, IDF-weighted.
            f[k++] = Coverage(question.Stems, weights, totalWeight, s => Contains(c.Stems, s));
            f[k++] = Coverage(question.Stems, weights, totalWeight, s => Contains(c.Stems, s) || Contains(c.NeighbourStems, s) || Contains(c.TitleStems, s));
            f[k++] = Coverage(question.Stems, weights, totalWeight, s => Contains(c.PassageStems, s) || Contains(c.TitleStems, s));
            f[k++] = Coverage(question.Stems, weights, totalWeight, s => Contains(c.TitleStems, s));

            // The rarest question term a sentence, its window or its passage lacks (0 when none is missing).
            f[k++] = (float)(MaxMissing(question.Stems, weights, s => Contains(c.Stems, s)) / maxIdf);
            f[k++] = (float)(MaxMissing(question.Stems, weights, s => Contains(c.Stems, s) || Contains(c.NeighbourStems, s) || Contains(c.TitleStems, s)) / maxIdf);
            f[k++] = (float)(MaxMissing(question.Stems, weights, s => Contains(c.PassageStems, s) || Contains(c.TitleStems, s)) / maxIdf);
            f[k++] = (float)unknown;

            f[k++] = PairCoverage(question.Pairs, c.Terms);
            f[k++] = question.Stems.Count;
            f[k++] = MissingShare(question.KeyStems, c);
            f[k++] = MissingShare(question.NumberStems, c);

            // Semantic similarity of the sentence vectors (the neural encoder's), and how this sentence ranks by it.
            f[k++] = cosines[i];
            f[k++] = Math.Min(cosRank[i], MissingRank);
            f[k++] = bestCos - cosines[i];
            f[k++] = Math.Min(coverageRank[i], MissingRank);
            f[k++] = bestCoverage - coverages[i];

            // The interrogative, one-hot.
            for (var form = QuestionForm.Other; form <= QuestionForm.What; form++)
            {
                f[k++] = question.Form == form ? 1 : 0;
            }

            // What the sentence brings that the question does not have.
            var tokens = WordTokenizer.Tokenize(TextNormalizer.Normalize(c.Text));
            f[k++] = tokens.Any(t => TokenKinds.IsNumber(t) && !questionStemSet.Contains(TermAnalyzer.Stem(t))) ? 1 : 0;
            f[k++] = tokens.Any(t => TokenKinds.IsDate(t) && !questionStemSet.Contains(TermAnalyzer.Stem(t))) ? 1 : 0;
            f[k++] = TokenKinds.Names(c.Text).Any(n => !question.Stems.Any(q => TermAnalyzer.StemsMatch(q, TermAnalyzer.Stem(n)))) ? 1 : 0;
            f[k++] = c.Stems.Count == 0 ? 0 : (float)c.Stems.Count(s => !question.Stems.Any(q => TermAnalyzer.StemsMatch(q, s))) / c.Stems.Count;

            // Negation on one side only often marks a near miss.
            var windowNegated = TokenKinds.HasNegation(tokens);
            f[k++] = question.Negated ? 1 : 0;
            f[k++] = windowNegated ? 1 : 0;
            f[k++] = question.Negated != windowNegated ? 1 : 0;

            // Retrieval ranks and the sentence's place in its article are left out: they describe how a corpus
            // was written and chunked (SQuAD's paragraphs), not whether the sentence answers.
            f[k++] = (float)Math.Log(1 + c.Terms.Count);

            f[k++] = question.TypeStem is { } type && (Contains(c.Stems, type) || Contains(c.NeighbourStems, type)) ? 1 : 0;
            f[k++] = question.Acronym is { } acronym && ExpandsAcronym(c.Text, acronym) ? 1 : 0;
            f[k++] = question.QuotedPhrase is { } quote && Words(c.Text).Contains(Words(quote), StringComparison.Ordinal) ? 1 : 0;
            f[k++] = question.ContextStems.Count == 0
                ? 1
                : (float)question.ContextStems.Count(s => Contains(c.PassageStems, s) || Contains(c.TitleStems, s)) / question.ContextStems.Count;

            rows[i] = f;
        }

        return rows;
    }

    /// <summary>0 for the largest value, 1 for the next …; ties keep candidate order.</summary>
    private static int[] Ranks(float[] values)
    {
        var ranked = values.Select((v, i) => (v, i)).OrderByDescending(x => x.v).ThenBy(x => x.i).Select(x => x.i).ToArray();
        var ranks = new int[values.Length];
        for (var r = 0; r < ranked.Length; r++)
        {
            ranks[ranked[r]] = r;
        }

        return ranks;
    }

    private static float Coverage(IReadOnlyList<string> stems, Dictionary<string, double> weights, double total, Func<string, bool> covered) =>
        total <= 0 ? 0 : (float)(stems.Where(covered).Sum(s => weights[s]) / total);

    private static double MaxMissing(IReadOnlyList<string> stems, Dictionary<string, double> weights, Func<string, bool> covered) =>
        stems.Where(s => !covered(s)).Select(s => weights[s]).DefaultIfEmpty(0).Max();

    private static float MissingShare(IReadOnlyList<string> stems, CandidateSentence c) =>
        stems.Count == 0 ? 0 : (float)stems.Count(s => !(Contains(c.Stems, s) || Contains(c.NeighbourStems, s) || Contains(c.TitleStems, s))) / stems.Count;

    /// <summary>Share of the question's adjacent content-term pairs that occur in the sentence in that order (stop words between allowed).</summary>
    private static float PairCoverage(IReadOnlyList<(string First, string Second)> pairs, IReadOnlyList<string> terms)
    {
        if (pairs.Count == 0)
        {
            return 0;
        }

        var content = terms.Where(t => t.Length > 0).ToList();
        var found = 0;
        foreach (var (first, second) in pairs)
        {
            for (var i = 0; i + 1 < content.Count; i++)
            {
                if (TermAnalyzer.StemsMatch(content[i], first) && (TermAnalyzer.StemsMatch(content[i + 1], second) || (i + 2 < content.Count && TermAnalyzer.StemsMatch(content[i + 2], second))))
                {
                    found++;
                    break;
                }
            }
        }

        return (float)found / pairs.Count;
    }

    /// <summary>The sentence holds a run of capitalised words whose initials spell the acronym.</summary>
    private static bool ExpandsAcronym(string sentence, string acronym)
    {
        var letters = acronym.Where(char.IsLetter).ToArray();
        if (letters.Length < 2)
        {
            return false;
        }

        var initials = string.Concat(WordTokenizer.Spans(sentence).Select(s => sentence[s.Start]).Where(char.IsUpper));
        var j = 0;
        foreach (var ch in initials)
        {
            if (j < letters.Length && ch == letters[j])
            {
                j++;
            }
        }

        return j == letters.Length;
    }

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

    private static string Words(string text) => string.Join(' ', WordTokenizer.Tokenize(TextNormalizer.Normalize(text)));
}
