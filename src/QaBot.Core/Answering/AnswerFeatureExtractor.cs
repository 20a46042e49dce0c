using QaBot.Core.Answering.Encoding;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>
/// From a request to the rows the answer model scores: the question analyzed, the sentences of the
/// retrieved passages, the best <c>maxCandidates</c> of them by a cheap lexical score (so encoding
/// stays bounded however long the passages are), their neural encodings and their features.
/// The composer and <c>qabot train</c> both go through here, so the model is fitted on exactly what
/// it will see.
/// </summary>
public static class AnswerFeatureExtractor
{
    public static CandidateFeatureSet Extract(AnswerRequest request, AnswerEncoder encoder, int maxCandidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(encoder);
        var question = QuestionAnalyzer.Analyze(request.Question, request.StandaloneQuery);
        var all = AnswerCandidates.From(request.Passages);
        if (all.Count == 0)
        {
            return new CandidateFeatureSet(question, [], []);
        }

        var candidates = Shortlist(all, question, request, maxCandidates);
        var questionEncoding = encoder.EncodeQuestion(request.StandaloneQuery);
        var encodings = encoder.EncodeSentences([.. candidates.Select(c => c.Text)], cancellationToken);
        var features = AnswerFeatures.Compute(question, questionEncoding, candidates, encodings, request.Statistics);
        return new CandidateFeatureSet(question, candidates, features);
    }

    /// <summary>The candidates with the most IDF-weighted question terms in or beside them, ties to the better passage; in retrieval order.</summary>
    private static IReadOnlyList<CandidateSentence> Shortlist(IReadOnlyList<CandidateSentence> all, QuestionAnalysis question, AnswerRequest request, int maxCandidates)
    {
        if (all.Count <= maxCandidates)
        {
            return all;
        }

        var weights = question.Stems.Concat(question.ContextStems).Distinct().ToDictionary(s => s, s => request.Statistics.Idf(s));
        double Score(CandidateSentence c) =>
            weights.Sum(w => c.Stems.Any(s => TermAnalyzer.StemsMatch(s, w.Key)) ? w.Value : c.NeighbourStems.Contains(w.Key) ? w.Value / 2 : 0)
            + (1.0 / (1 + c.PassageRank));
        return all
            .Select((c, i) => (Candidate: c, Index: i, Score: Score(c)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .Take(maxCandidates)
            .OrderBy(x => x.Index)
            .Select(x => x.Candidate)
            .ToList();
    }
}
