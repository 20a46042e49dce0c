using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>
/// Says in the answer which dates it drew on when the question named a time (<see cref="QuestionDates"/>):
/// the range asked about, as the question put it, and the dates of the articles cited — and, when no
/// article of that range answered and all articles were searched instead, that too.
/// </summary>
public static class AnswerDates
{
    /// <param name="answer">The answer as composed.</param>
    /// <param name="dates">The dates the question named, or null (the answer is returned as it is).</param>
    /// <param name="widened">True when no article of <paramref name="dates"/> answered and all articles were searched.</param>
    public static Answer Apply(Answer answer, PublishedDateRange? dates, bool widened)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (dates is null)
        {
            return answer;
        }

        var asked = $"{dates.Describe()} (“{dates.Phrase}”)";
        if (answer.Declined)
        {
            var looked = widened ? $"first among the articles dated {asked}, then among all of them" : $"only at articles dated {asked}";
            return answer with { Text = $"{answer.Text} I looked {looked}.", Dates = dates };
        }

        var cited = answer.Citations
            .Select(c => c.PublishedDate)
            .OfType<DateOnly>()
            .Distinct()
            .Order()
            .Select(PublishedDateRange.Day)
            .ToList();
        var drawn = cited.Count == 0 ? "the cited articles carry no date" : $"the cited articles are dated {Join(cited)}";
        var note = widened
            ? $"Dates: no article dated {asked} answers this, so all articles were searched; {drawn}."
            : $"Dates: the question asks about {asked}; {drawn}.";
        return answer with { Text = $"{answer.Text}\n\n{note}", Dates = dates };
    }

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
