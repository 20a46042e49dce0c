namespace QaBot.Cli.Bench.Results;

/// <summary>A sampled article one list missed and the other found, and how many articles carry its title.</summary>
internal sealed record SharedTitleMiss(string DocumentId, string Title, int ArticlesWithTitle);
