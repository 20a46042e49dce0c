namespace QaBot.Cli.Bench.Results;

/// <summary>One target of issue 5 with the measured value and whether it was met (null = not measured).</summary>
internal sealed record TargetCheck(string Target, string Measured, bool? Met);
