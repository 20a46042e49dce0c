namespace QaBot.Cli.Bench.Results;

/// <summary>Where the figures were taken: cores, load averages (from /proc/loadavg) before and after, runtime, commit.</summary>
internal sealed record MachineInfo(int Cores, string LoadAverageAtStart, string LoadAverageAtEnd, string Os, string Runtime, string? Commit);
