namespace QaBot.Cli.Bench.Results;

/// <summary>
/// The bot's /api/messages (expectReplies) under concurrent clients on loopback. Memory: the peak resident set
/// (VmHWM, counts the database file once per pooled connection that maps it), and the peaks of the proportional
/// set size and of anonymous (heap) memory sampled every 200 ms.
/// </summary>
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
    long? BotWorkingSetAfterBytes,
    long? BotPeakPssBytes,
    long? BotPeakAnonymousBytes)
{
    public static LoadResult NotRun(string status, string note, int clients) => new(status, note, clients, 0, 0, 0, 0, null, null, null, null, null, null);
}
