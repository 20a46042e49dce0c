using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>
/// Says in the answer which dates it drew on when the question asked about a time (<see cref="QuestionDates"/>):
/// the range searched, as the question put it, and the dates of the articles cited; a decline says that
/// only articles of that range were looked at.
/// </summary>
public static class AnswerDates
{
    public static Answer Apply(Answer answer, PublishedDateRange? dates)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (dates is null)
        {
            return answer;
        }

        var asked = $"{dates.Describe()} (“{dates.Phrase}”)";
        if (answer.Declined)
        {
            return answer with { Text = $"{answer.Text} I looked only at articles dated {asked}.", Dates = dates };
        }

        var cited = answer.Citations
            .Select(c => c.PublishedDate)
            .OfType<DateOnly>()
            .Distinct()
            .Order()
            .Select(PublishedDateRange.Day)
            .ToList();
        var drawn = cited.Count == 0 ? string.Empty : $"; the cited articles are dated {Join(cited)}";
        return answer with { Text = $"{answer.Text}\n\nDates: the question asks about {asked}{drawn}.", Dates = dates };
    }

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
