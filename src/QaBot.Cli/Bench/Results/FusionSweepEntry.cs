using QaBot.Cli.Bench;

namespace QaBot.Cli.Bench.Results;

/// <summary>Known-item recall of one fusion setting, computed on the same candidates as the hybrid figure.</summary>
internal sealed record FusionSweepEntry(string Fusion, KnownItemScore Score);
