namespace QaBot.Core.Answering.Model;

/// <summary>Turns the candidates' probabilities into an <see cref="AnswerDecision"/> (pure, so the training command simulates exactly what the composer does).</summary>
public static class AnswerSelection
{
    public static AnswerDecision Decide(
        IReadOnlyList<CandidateSentence> candidates,
        IReadOnlyList<float> probabilities,
        AnswerThresholds thresholds,
        int maxSentences,
        int maxAnswerChars)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (candidates.Count == 0 || probabilities.Count != candidates.Count)
        {
            return new AnswerDecision([], 0, Declined: true, Partial: false);
        }

        // Best first; ties go to the better-ranked passage, then the earlier sentence.
        var order = Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => probabilities[i])
            .ThenBy(i => candidates[i].PassageRank)
            .ThenBy(i => candidates[i].Start)
            .ToList();
        var best = order[0];
        double confidence = probabilities[best];
        if (confidence < thresholds.Decline)
        {
            return new AnswerDecision([], confidence, Declined: true, Partial: false);
        }

        var selected = new List<int> { best };
        var length = candidates[best].Text.Length;
        // Relative to the best sentence only, so the answer's text does not depend on where the decline threshold is.
        var bestDocument = candidates[best].DocumentId;
        foreach (var i in order.Skip(1))
        {
            if (selected.Count >= maxSentences)
            {
                break;
            }

            var ratio = candidates[i].DocumentId == bestDocument ? thresholds.SameDocumentRatio : thresholds.ExtraSentenceRatio;
            if (probabilities[i] < ratio * confidence)
            {
                continue;
            }

            // A headline may lead when nothing else does, but never pads an answer; nor does a sentence that
            // mostly repeats one already in it (news repeats its lead further down).
            if (candidates[i].IsHeadline || length + candidates[i].Text.Length > maxAnswerChars || selected.Any(j => Repeats(candidates[j], candidates[i])))
            {
                continue;
            }

            selected.Add(i);
            length += candidates[i].Text.Length;
        }

        return new AnswerDecision(selected, confidence, Declined: false, Partial: confidence < thresholds.Confident);
    }

    /// <summary>Share of the shorter sentence's content terms the longer must hold for the two to say the same thing.</summary>
    private const double RepeatShare = 0.6;

    private static bool Repeats(CandidateSentence kept, CandidateSentence candidate)
    {
        var smaller = Math.Min(kept.Stems.Count, candidate.Stems.Count);
        return smaller == 0 || kept.Stems.Count(candidate.Stems.Contains) >= RepeatShare * smaller;
    }
}
