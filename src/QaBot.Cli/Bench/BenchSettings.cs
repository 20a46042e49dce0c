namespace QaBot.Cli.Bench;

/// <summary>What <c>qabot bench</c> was asked to do.</summary>
internal sealed record BenchSettings(
    int? Docs,
    int Queries,
    int RecallSample,
    int Seed,
    int Clients,
    TimeSpan LoadDuration,
    bool SkipLoad,
    bool SkipRecall,
    bool ReuseIndex,
    string BotProject,
    string Output,
    bool Verbose,
    string CommandLine,
    string Provider = "sqlite")
{
    /// <summary>The smaller corpus sizes latency is also measured at (when the corpus is larger).</summary>
    public static readonly IReadOnlyList<int> SmallerSizes = [1_000, 10_000];
}
