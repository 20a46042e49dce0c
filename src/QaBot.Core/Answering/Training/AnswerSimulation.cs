using QaBot.Core.Answering.Model;
using QaBot.Core.Evaluation;

namespace QaBot.Core.Answering.Training;

/// <summary>
/// Replays the composer's decision for a case from given probabilities — the same selection
/// (<see cref="AnswerSelection"/>), the same text and citations (<see cref="ExtractiveAnswerComposer.Compose"/>)
/// and the same scoring (<see cref="EvaluationMetrics.ScoreCase"/>) as <c>qabot eval</c>.
/// </summary>
public static class AnswerSimulation
{
    public static SimulatedOutcome Simulate(TrainingCase trainingCase, IReadOnlyList<float> probabilities, AnswerThresholds thresholds, int maxSentences, int maxAnswerChars)
    {
        ArgumentNullException.ThrowIfNull(trainingCase);
        var candidates = trainingCase.Features.Candidates;
        var decision = AnswerSelection.Decide(candidates, probabilities, thresholds, maxSentences, maxAnswerChars);
        var (text, citations) = ExtractiveAnswerComposer.Compose(candidates, probabilities, decision);
        var answer = new Answer(trainingCase.Case.Question, trainingCase.Request.StandaloneQuery, text, decision.Declined, citations, trainingCase.Request.Passages, ExtractiveAnswerComposer.ComposerName, TimeSpan.Zero);
        var score = EvaluationMetrics.ScoreCase(trainingCase.Case, AnswerDto.From(answer), Math.Max(1, trainingCase.Request.Passages.Count), retrievalKnown: true);
        var (inSources, cited) = EvaluationMetrics.CitationCounts(citations.Select(c => c.DocumentId), [.. trainingCase.Case.Sources]);
        var best = Enumerable.Range(0, candidates.Count).OrderByDescending(i => probabilities[i]).ThenBy(i => candidates[i].PassageRank).ThenBy(i => candidates[i].Start).FirstOrDefault(-1);
        var bestIsAnswer = best >= 0 && trainingCase.Labels[best];
        return new SimulatedOutcome(trainingCase.Group, trainingCase.Case.Answerable, decision.Declined, score.Passed, inSources, cited, decision.Confidence, decision.Partial, bestIsAnswer);
    }
}
