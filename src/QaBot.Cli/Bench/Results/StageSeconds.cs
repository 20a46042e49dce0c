namespace QaBot.Cli.Bench.Results;

/// <summary>Time in each indexing stage (IndexReport.Stages); the stages overlap in wall-clock time.</summary>
internal sealed record StageSeconds(double Read, double Chunk, double Embed, double Store);
