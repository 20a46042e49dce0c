using QaBot.Cli.Bench;

namespace QaBot.Cli.Tests.Bench;

public sealed class RecallBenchmarkTests
{
    [Fact]
    public void SharedTitlesAreThoseTwoOrMoreArticlesCarryExactly()
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

        var shared = RecallBenchmark.SharedTitles(corpus);

        Assert.Equal(["HOG AND CATTLE SLAUGHTER GUESSTIMATES"], shared);
    }
}
