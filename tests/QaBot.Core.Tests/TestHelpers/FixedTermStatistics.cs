using QaBot.Core.Retrieval;
using QaBot.Core.Text;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>Term statistics over a few in-test texts: each stem's document frequency among them, over at least 10 chunks.</summary>
public static class FixedTermStatistics
{
    public static TermStatistics For(params string[] texts) => new(
        Math.Max(10, texts.Length),
        texts.SelectMany(t => TermAnalyzer.ContentStems(t).Distinct()).GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count()));
}
