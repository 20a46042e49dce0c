namespace QaBot.Core.Retrieval;

/// <summary>
/// How many indexed chunks contain each (Porter-stemmed) term: the corpus statistics behind IDF
/// weights in sentence scoring, and the way to tell that a question asks about something the
/// articles never mention.
/// </summary>
public interface ITermStatistics
{
    Task<TermStatistics> GetAsync(IReadOnlyCollection<string> stems, CancellationToken cancellationToken = default);
}
