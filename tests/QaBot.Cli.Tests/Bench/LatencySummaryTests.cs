using QaBot.Cli.Bench;

namespace QaBot.Cli.Tests.Bench;

public sealed class LatencySummaryTests
{
    [Theory]
    [InlineData(50, 50)]
    [InlineData(95, 95)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0.5, 1)]
    public void PercentileIsTheNearestRankOfOneToAHundred(double percent, double expected)
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        Assert.Equal(expected, LatencySummary.Percentile(sorted, percent));
    }

    [Theory]
    [InlineData(new double[] { 7 }, 50, 7)]
    [InlineData(new double[] { 1, 2 }, 50, 1)]
    [InlineData(new double[] { 1, 2 }, 51, 2)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 95, 4)]
    [InlineData(new double[] { 10, 20, 30 }, 66, 20)]
    [InlineData(new double[] { 10, 20, 30 }, 67, 30)]
    public void PercentileOfSmallSeries(double[] sorted, double percent, double expected)
    {
        Assert.Equal(expected, LatencySummary.Percentile(sorted, percent));
    }

    [Fact]
    public void SummarySortsTheSamplesFirst()
    {
        var summary = LatencySummary.From([30.0, 10.0, 20.0, 40.0]);

        Assert.Equal(4, summary.Count);
        Assert.Equal(25.0, summary.Mean);
        Assert.Equal(20.0, summary.P50);
        Assert.Equal(40.0, summary.P95);
        Assert.Equal(40.0, summary.Max);
    }

    [Fact]
    public void SummaryOfNoSamplesIsZero()
    {
        Assert.Equal(new LatencySummary(0, 0, 0, 0, 0, 0), LatencySummary.From([]));
    }

    [Fact]
    public void PercentileRejectsAnEmptySeriesAndPercentsOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencySummary.Percentile([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencySummary.Percentile([1.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencySummary.Percentile([1.0], 101));
    }
}
