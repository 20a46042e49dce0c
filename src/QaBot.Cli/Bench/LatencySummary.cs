namespace QaBot.Cli.Bench;

/// <summary>Latency of a series of timed operations, in milliseconds (nearest-rank percentiles).</summary>
internal sealed record LatencySummary(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static LatencySummary From(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Math.Round(sorted.Average(), 3),
            Percentile(sorted, 50),
            Percentile(sorted, 95),
            Percentile(sorted, 99),
            Math.Round(sorted[^1], 3));
    }

    /// <summary>
    /// Nearest-rank percentile of values sorted ascending: the smallest value with at least
    /// <paramref name="percent"/>% of the values at or below it.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sortedAscending, double percent)
    {
        ArgumentNullException.ThrowIfNull(sortedAscending);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sortedAscending.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100.0 * sortedAscending.Count);
        return Math.Round(sortedAscending[Math.Clamp(rank, 1, sortedAscending.Count) - 1], 3);
    }
}
