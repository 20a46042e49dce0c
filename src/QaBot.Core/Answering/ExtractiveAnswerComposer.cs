using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>
/// The offline default composer: picks the sentences of the retrieved passages that answer the
/// question (see <see cref="SentenceScorer"/>), writes them as a short answer with [n] markers and
/// cites the documents they come from. It declines — and cites nothing — when the question asks
/// about something the articles never mention, or when no sentence covers enough of it.
/// </summary>
public sealed partial class ExtractiveAnswerComposer(ITermStatistics termStatistics, IOptions<AnsweringOptions> options) : IAnswerComposer
{
    public const string ComposerName = "extractive";

    private const double ExtraSentenceRatio = 0.85;

    public string Name => ComposerName;

    public async IAsyncEnumerable<AnswerUpdate> ComposeAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contextText = request.StandaloneQuery == request.Question ? null : request.StandaloneQuery;
        var question = QuestionAnalyzer.Analyze(request.Question, contextText);
        var statistics = await termStatistics.GetAsync([.. question.RequiredStems, .. question.ContextStems], cancellationToken).ConfigureAwait(false);
        var (text, citations) = Compose(request.Passages, question, statistics, options.Value);
        yield return AnswerUpdate.Completed(new Answer(
            request.Question,
            request.StandaloneQuery,
            text,
            citations.Count == 0,
            citations,
            request.Passages,
            Name,
            TimeSpan.Zero));
    }

    /// <summary>The answer text and its citations; no citations means a decline.</summary>
    internal static (string Text, IReadOnlyList<Citation> Citations) Compose(
        IReadOnlyList<RetrievedChunk> passages,
        QuestionAnalysis question,
        TermStatistics statistics,
        AnsweringOptions options)
    {
        var selected = SelectSentences(passages, question, statistics, options);
        if (selected.Count == 0)
        {
            return (AnswerMessages.NotFound, []);
        }

        var citations = new List<Citation>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var group in selected.GroupBy(s => s.Sentence.Passage.Chunk.DocumentId))
        {
            var sentences = group.OrderBy(s => s.Sentence.Start).ToList();
            var chunk = sentences[0].Sentence.Passage.Chunk;
            numbers[group.Key] = citations.Count + 1;
            citations.Add(new Citation(
                citations.Count + 1,
                chunk.DocumentId,
                chunk.ChunkId,
                chunk.Title,
                chunk.PublishedDate,
                string.Join(" … ", sentences.Select(s => Clean(s.Sentence.Text))),
                sentences[0].Sentence.Start,
                sentences[^1].Sentence.End,
                Math.Round(sentences.Max(s => s.Total), 4)));
        }

        // Sentences in reading order within each document, documents in order of their best sentence.
        foreach (var s in selected.OrderBy(s => numbers[s.Sentence.Passage.Chunk.DocumentId]).ThenBy(s => s.Sentence.Start))
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(Clean(s.Sentence.Text)).Append(" [").Append(numbers[s.Sentence.Passage.Chunk.DocumentId]).Append(']');
        }

        return (text.ToString(), citations);
    }

    internal static IReadOnlyList<SentenceScore> SelectSentences(
        IReadOnlyList<RetrievedChunk> passages,
        QuestionAnalysis question,
        TermStatistics statistics,
        AnsweringOptions options)
    {
        if (passages.Count == 0 || question.RequiredStems.Count == 0)
        {
            return [];
        }

        // A content word the articles never contain cannot be answered from them ("population", "Wimbledon").
        if (question.QuotedPhrase is null && question.RequiredStems.Any(s => statistics.DocumentFrequency(s) == 0))
        {
            return [];
        }

        var scored = SentenceScorer.Candidates(passages)
            .Select(c => SentenceScorer.Score(c, question, statistics))
            .Where(s => s.Coverage >= options.MinCoverage && s.TypeMatches && WordTokenizer.Tokenize(s.Sentence.Text).Count >= 4)
            .OrderByDescending(s => s.Total)
            .ThenBy(s => s.Sentence.PassageRank)
            .ThenBy(s => s.Sentence.Start)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored[0];
        var selected = new List<SentenceScore> { best };
        var length = best.Sentence.Text.Length;
        foreach (var candidate in scored.Skip(1))
        {
            if (selected.Count >= options.MaxSentences || candidate.Total < best.Total * ExtraSentenceRatio)
            {
                break;
            }

            if (length + candidate.Sentence.Text.Length > options.MaxAnswerChars || selected.Any(s => Overlaps(s, candidate)))
            {
                continue;
            }

            selected.Add(candidate);
            length += candidate.Sentence.Text.Length;
        }

        return selected;
    }

    /// <summary>Two sentences say much the same thing (most content stems shared).</summary>
    private static bool Overlaps(SentenceScore a, SentenceScore b)
    {
        var x = a.Sentence.Stems;
        var y = b.Sentence.Stems;
        if (x.Count == 0 || y.Count == 0)
        {
            return true;
        }

        var shared = x.Count(y.Contains);
        return shared >= 0.6 * Math.Min(x.Count, y.Count);
    }

    private static string Clean(string sentence) => WhitespaceRegex().Replace(sentence, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
