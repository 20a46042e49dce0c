namespace QaBot.Core.Answering.Training;

/// <summary>
/// Figures over simulated outcomes: answerable questions answered right, unanswerable ones declined,
/// and the citation precision of the answered answerable questions (share of their cited documents
/// that are sources).
/// </summary>
public sealed record HeldOutFigures(int Answerable, int AnsweredRight, int FalselyDeclined, int Unanswerable, int Declined, int CitedInSources, int Cited)
{
    public double AnswerableAccuracy => Answerable == 0 ? 0 : (double)AnsweredRight / Answerable;

    public double DeclineRate => Unanswerable == 0 ? 0 : (double)Declined / Unanswerable;

    public double CitationPrecision => Cited == 0 ? 1 : (double)CitedInSources / Cited;

    /// <summary>The mean of the two headline rates (each class counts the same whatever its size).</summary>
    public double Balanced => Unanswerable == 0 ? AnswerableAccuracy : Answerable == 0 ? DeclineRate : (AnswerableAccuracy + DeclineRate) / 2;

    public static HeldOutFigures Of(IEnumerable<SimulatedOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int answerable = 0, right = 0, falselyDeclined = 0, unanswerable = 0, declined = 0, inSources = 0, cited = 0;
        foreach (var o in outcomes)
        {
            if (o.Answerable)
            {
                answerable++;
                right += o.Correct ? 1 : 0;
                falselyDeclined += o.Declined ? 1 : 0;
                inSources += o.CitedInSources;
                cited += o.Cited;
            }
            else
            {
                unanswerable++;
                declined += o.Declined ? 1 : 0;
            }
        }

        return new HeldOutFigures(answerable, right, falselyDeclined, unanswerable, declined, inSources, cited);
    }
}
