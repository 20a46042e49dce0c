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
public sealed partial class ExtractiveAnswerComposer(IOptions<AnsweringOptions> options) : IAnswerComposer
{
    public const string ComposerName = "extractive";

    private const double ExtraSentenceRatio = 0.85;
    private const double ExtraListSentenceRatio = 0.6;

    /// <summary>Sentences after the first may cover a little less of the question than <see cref="AnsweringOptions.MinCoverage"/>.</summary>
    private const double ExtraSentenceCoverageSlack = 0.1;

    public string Name => ComposerName;

    public async IAsyncEnumerable<AnswerUpdate> ComposeAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (question, statistics) = Analyze(request);
        await Task.CompletedTask.ConfigureAwait(false);
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

    /// <summary>The best-scoring candidate sentences for a request, with their scores, and the question's terms missing from the corpus.</summary>
    public async Task<(IReadOnlyList<SentenceExplanation> Sentences, IReadOnlyList<string> AbsentTerms, QuestionAnalysis Question)> ExplainAsync(
        AnswerRequest request, int top = 10, CancellationToken cancellationToken = default)
    {
        var (question, statistics) = Analyze(request);
        await Task.CompletedTask.ConfigureAwait(false);
        var sentences = SentenceScorer.Candidates(request.Passages)
            .Select(c => SentenceScorer.Score(c, question, statistics))
            .OrderByDescending(s => s.Total)
            .Take(top)
            .Select(s => new SentenceExplanation(s.Sentence.Passage.Chunk.DocumentId, s.Sentence.PassageRank, Clean(s.Sentence.Text), Math.Round(s.Coverage, 3), s.TypeMatches, Math.Round(s.Total, 3)))
            .ToList();
        return (sentences, question.RequiredStems.Where(t => statistics.DocumentFrequency(t) == 0).ToList(), question);
    }

    /// <summary>The question taken apart (terms carried over from earlier turns as context) and the corpus statistics of its terms.</summary>
    private static (QuestionAnalysis Question, TermStatistics Statistics) Analyze(AnswerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contextText = request.StandaloneQuery == request.Question ? null : request.StandaloneQuery;
        var question = QuestionAnalyzer.Analyze(request.Question, contextText);
        return (question, request.Statistics);
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

        // The best sentence leads; the others follow by source, in reading order within a source.
        foreach (var s in selected.OrderBy(s => s == selected[0] ? 0 : 1).ThenBy(s => numbers[s.Sentence.Passage.Chunk.DocumentId]).ThenBy(s => s.Sentence.Start))
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
            .Where(s => s.Coverage >= options.MinCoverage - ExtraSentenceCoverageSlack && s.TypeMatches && WordTokenizer.Tokenize(s.Sentence.Text).Count >= 4)
            .OrderByDescending(s => s.Total)
            .ThenBy(s => s.Sentence.PassageRank)
            .ThenBy(s => s.Sentence.Start)
            .ToList();
        // The answer leads with the best sentence that covers enough of the question on its own.
        var best = scored.FirstOrDefault(s => s.Coverage >= options.MinCoverage);
        if (best is null)
        {
            return [];
        }

        // A list question ("which areas …", "what topics …") may gather items from several sentences.
        var isList = question.TypeWords.Any(IsPlural);
        var selected = new List<SentenceScore> { best };
        var length = best.Sentence.Text.Length;
        foreach (var candidate in scored.Where(s => s != best))
        {
            if (selected.Count >= options.MaxSentences || candidate.Total < best.Total * (isList ? ExtraListSentenceRatio : ExtraSentenceRatio))
            {
                break;
            }

            // A headline may lead an answer when nothing else does, but never pads one.
            var redundant = candidate.IsHeadline || (isList ? !AddsContent(selected, candidate, question) : selected.Any(s => Overlaps(s, candidate)));
            if (length + candidate.Sentence.Text.Length > options.MaxAnswerChars || redundant)
            {
                continue;
            }

            selected.Add(candidate);
            length += candidate.Sentence.Text.Length;
        }

        return selected;
    }

    private static bool IsPlural(string word) => word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal);

    /// <summary>The candidate brings content stems that neither the question nor the selected sentences have.</summary>
    private static bool AddsContent(List<SentenceScore> selected, SentenceScore candidate, QuestionAnalysis question) =>
        candidate.Sentence.Stems.Any(s => !question.RequiredStems.Contains(s) && !selected.Any(x => x.Sentence.Stems.Contains(s)));

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

    /// <summary>A sentence as quoted in an answer: white space collapsed, the article's own reference markers removed.</summary>
    private static string Clean(string sentence) => CitationMarkers.RemoveFrom(WhitespaceRegex().Replace(sentence, " ").Trim());

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
