namespace QaBot.Cli.Bench.Results;

/// <summary>An index run over the unchanged corpus right after the full index.</summary>
internal sealed record ReindexResult(double Seconds, int DocumentsSeen, int DocumentsReEmbedded, double PercentOfFullIndex, StageSeconds Stages);
