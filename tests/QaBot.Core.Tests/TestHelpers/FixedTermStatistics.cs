using QaBot.Core.Retrieval;
using QaBot.Core.Text;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>Term statistics over a few in-test texts: each stem's document frequency among them, over 10 chunks.</summary>
public sealed class FixedTermStatistics(params string[] texts) : ITermStatistics
{
    private readonly TermStatistics statistics = new(
        10,
        texts.SelectMany(t => TermAnalyzer.ContentStems(t).Distinct()).GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count()));

    public Task<TermStatistics> GetAsync(IReadOnlyCollection<string> stems, CancellationToken cancellationToken = default) =>
        Task.FromResult(statistics);
}
