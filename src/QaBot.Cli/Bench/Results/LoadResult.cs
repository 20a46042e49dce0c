namespace QaBot.Cli.Bench.Results;

/// <summary>The bot's /api/messages (expectReplies) under concurrent clients on loopback.</summary>
internal sealed record LoadResult(
    string Status,
    string? Note,
    int Clients,
    double Seconds,
    int Requests,
    int Errors,
    double RequestsPerSecond,
    LatencySummary? Latency,
    double? BotStartSeconds,
    long? BotPeakWorkingSetBytes,
    long? BotWorkingSetAfterBytes)
{
    public static LoadResult NotRun(string status, string note, int clients) => new(status, note, clients, 0, 0, 0, 0, null, null, null, null);
}
