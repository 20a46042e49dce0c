using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering.Encoding;
using QaBot.Core.Answering.Model;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>
/// The offline default composer. The sentences of the retrieved passages are scored by the learned
/// answer model (<see cref="AnswerModel"/> over <see cref="AnswerFeatures"/>: lexical and neural
/// evidence, answer type, what the sentence lacks of the question, retrieval ranks); the best sentence,
/// with any others nearly as likely, becomes the answer with <c>[n]</c> markers citing their articles.
/// When the best sentence's probability — the confidence that the articles answer at all — is below
/// the decline threshold, QaBot says it could not find the answer and cites nothing; between the decline
/// and the confident thresholds the answer is marked <see cref="Answer.Partial"/>.
/// </summary>
public sealed partial class ExtractiveAnswerComposer(AnswerEncoder encoder, AnswerModelHost model, IOptions<AnsweringOptions> options) : IAnswerComposer
{
    public const string ComposerName = "extractive";

    public string Name => ComposerName;

    public async IAsyncEnumerable<AnswerUpdate> ComposeAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (set, probabilities, decision) = await Task.Run(() => Decide(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        var (text, citations) = Compose(set.Candidates, probabilities, decision);
        yield return AnswerUpdate.Completed(new Answer(
            request.Question,
            request.StandaloneQuery,
            text,
            decision.Declined,
            citations,
            request.Passages,
            Name,
            TimeSpan.Zero)
        {
            Confidence = Math.Round(decision.Confidence, 4),
            Partial = decision.Partial,
        });
    }

    /// <summary>The analysis, the decision and the <paramref name="top"/> most probable candidates with their features.</summary>
    public AnswerExplanation Explain(AnswerRequest request, int top = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (set, probabilities, decision) = Decide(request, cancellationToken);
        var sentences = Enumerable.Range(0, set.Candidates.Count)
            .OrderByDescending(i => probabilities[i])
            .Take(top)
            .Select(i => new SentenceExplanation(
                set.Candidates[i].DocumentId,
                set.Candidates[i].PassageRank,
                Clean(set.Candidates[i].Text),
                Math.Round(probabilities[i], 4),
                decision.Selected.Contains(i),
                set.Features[i]))
            .ToList();
        return new AnswerExplanation(set.Question, model.Thresholds, decision, AnswerFeatures.Names, sentences);
    }

    private (CandidateFeatureSet Set, float[] Probabilities, AnswerDecision Decision) Decide(AnswerRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var set = AnswerFeatureExtractor.Extract(request, encoder, settings.MaxCandidates, cancellationToken);
        if (set.Candidates.Count == 0)
        {
            return (set, [], new AnswerDecision([], 0, Declined: true, Partial: false)); // nothing retrieved: no model needed
        }

        var probabilities = model.Model.Predict(set.Features);
        var decision = AnswerSelection.Decide(set.Candidates, probabilities, model.Thresholds, settings.MaxSentences, settings.MaxAnswerChars);
        return (set, probabilities, decision);
    }

    /// <summary>The answer text with [n] markers and its citations (one per cited document); a decline's text and no citations when nothing is selected.</summary>
    public static (string Text, IReadOnlyList<Citation> Citations) Compose(
        IReadOnlyList<CandidateSentence> candidates, IReadOnlyList<float> probabilities, AnswerDecision decision)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Declined || decision.Selected.Count == 0)
        {
            return (AnswerMessages.NotFound, []);
        }

        var selected = decision.Selected.Select(i => candidates[i]).ToList();
        var citations = new List<Citation>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in decision.Selected.GroupBy(i => candidates[i].DocumentId))
        {
            var sentences = group.OrderBy(i => candidates[i].Start).ToList();
            var first = candidates[sentences[0]];
            var chunk = first.Passage.Chunk;
            numbers[group.Key] = citations.Count + 1;
            citations.Add(new Citation(
                citations.Count + 1,
                chunk.DocumentId,
                chunk.ChunkId,
                chunk.Title,
                chunk.PublishedDate,
                string.Join(" … ", sentences.Select(i => Clean(candidates[i].Text))),
                first.Start,
                candidates[sentences[^1]].End,
                Math.Round(sentences.Max(i => probabilities[i]), 4)));
        }

        // The best sentence leads; the others follow by source, in reading order within a source.
        var text = new StringBuilder();
        foreach (var s in selected.OrderBy(s => s == selected[0] ? 0 : 1).ThenBy(s => numbers[s.DocumentId]).ThenBy(s => s.Start))
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(Clean(s.Text)).Append(" [").Append(numbers[s.DocumentId]).Append(']');
        }

        return (text.ToString(), citations);
    }

    /// <summary>One line of plain text: white space collapsed, and the article's own "[2]"-style markers removed (only QaBot's markers cite).</summary>
    private static string Clean(string sentence) =>
        WhitespaceRegex().Replace(CitationMarkers.RemoveFrom(TextNormalizer.ForDisplay(sentence)), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
