using QaBot.Cli.Bench;

namespace QaBot.Cli.Tests.Bench;

public sealed class RecallBenchmarkTests
{
    [Fact]
    public void ArticlesAreGroupedByTheirExactTitle()
    {
        ReutersArticle[] corpus =
        [
            new(1, "HOG AND CATTLE SLAUGHTER GUESSTIMATES", "a", null),
            new(2, "HOG AND CATTLE SLAUGHTER GUESSTIMATES", "b", null),
            new(3, "Hog and cattle slaughter guesstimates", "c", null),
            new(4, "BAHIA COCOA REVIEW", "d", null),
            new(5, "", "no title", null),
            new(6, "", "no title either", null),
        ];

        var groups = RecallBenchmark.TitleGroups(corpus);

        Assert.Equal(["BAHIA COCOA REVIEW", "HOG AND CATTLE SLAUGHTER GUESSTIMATES", "Hog and cattle slaughter guesstimates"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["reuters-00001", "reuters-00002"], groups["HOG AND CATTLE SLAUGHTER GUESSTIMATES"].Order(StringComparer.Ordinal));
        Assert.Equal(["reuters-00003"], groups["Hog and cattle slaughter guesstimates"]);
    }
}
