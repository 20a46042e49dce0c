using QaBot.Core.Answering.Encoding;
using QaBot.Core.Evaluation;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering.Training;

/// <summary>
/// Runs a question set through the real question path — follow-up rewriting from the case's context,
/// hybrid retrieval over the set's own index, candidate extraction and features — and labels each
/// candidate sentence. Nothing here knows the answers except the labelling.
/// </summary>
public static class TrainingSetBuilder
{
    public sealed record Grouping(bool ByArticle, int VotingPassages = 5);

    public static async Task<IReadOnlyList<TrainingCase>> BuildAsync(
        string setName,
        QuestionSet questions,
        IQueryRewriter rewriter,
        IRetriever retriever,
        AnswerEncoder encoder,
        int maxCandidates,
        Grouping grouping,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(rewriter);
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(grouping);
        var cases = new List<TrainingCase>(questions.Cases.Count);
        foreach (var evalCase in questions.Cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var history = evalCase.Context.Select(c => new ConversationTurn(ConversationRole.User, c)).ToList();
            var standalone = await rewriter.RewriteAsync(evalCase.Question, history, cancellationToken).ConfigureAwait(false);
            var retrieval = await retriever.RetrieveAsync(standalone, cancellationToken: cancellationToken).ConfigureAwait(false);
            var request = new AnswerRequest(evalCase.Question, standalone, history, retrieval.Passages) { Statistics = retrieval.Statistics };
            var features = AnswerFeatureExtractor.Extract(request, encoder, maxCandidates, cancellationToken);
            var labels = features.Candidates.Select(c => IsAnswer(evalCase, c)).ToList();
            cases.Add(new TrainingCase(setName, GroupOf(setName, evalCase, retrieval.Passages, grouping), evalCase, request, features, labels));
            progress?.Report(cases.Count);
        }

        return cases;
    }

    /// <summary>The candidate comes from a source document and holds an alternative of some expected group.</summary>
    public static bool IsAnswer(EvalCase evalCase, CandidateSentence candidate)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(candidate);
        return evalCase.Answerable
            && evalCase.Sources.Contains(candidate.DocumentId)
            && evalCase.Expected.Any(group => group.Any(alternative => EvaluationMetrics.Contains(candidate.Text, alternative)));
    }

    /// <summary>
    /// The case's article: that of its first source document, or — for a question without sources — the
    /// article most of its top retrieved passages come from (an adversarial question is written against
    /// one article, and retrieval finds it). An article is a document id without a trailing "_NNN"
    /// paragraph number. Without grouping by article, the whole set is one group.
    /// </summary>
    public static string GroupOf(string setName, EvalCase evalCase, IReadOnlyList<RetrievedChunk> passages, Grouping grouping)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(grouping);
        if (!grouping.ByArticle)
        {
            return setName;
        }

        var article = evalCase.Sources.Count > 0
            ? ArticleOf(evalCase.Sources[0])
            : passages
                .Take(grouping.VotingPassages)
                .Select((p, rank) => (Article: ArticleOf(p.Chunk.DocumentId), Rank: rank))
                .GroupBy(p => p.Article)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Min(p => p.Rank))
                .Select(g => g.Key)
                .FirstOrDefault() ?? "none";
        return $"{setName}:{article}";
    }

    public static string ArticleOf(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var cut = documentId.LastIndexOf('_');
        return cut > 0 && cut < documentId.Length - 1 && documentId.AsSpan(cut + 1).IndexOfAnyExceptInRange('0', '9') < 0
            ? documentId[..cut]
            : documentId;
    }
}
