namespace QaBot.Cli.Bench.Results;

/// <summary>Time in each indexing stage (IndexReport.Stages); embed and store overlap in wall-clock time.</summary>
internal sealed record StageSeconds(double Read, double Chunk, double Embed, double Store);
