namespace QaBot.Cli.Bench.Results;

/// <summary>Query latency at one corpus size: raw vec0 KNN (the floor), hybrid retrieval, full offline answer.</summary>
internal sealed record QueryLatencyResult(
    int Documents,
    int Chunks,
    double IndexSeconds,
    int Queries,
    LatencySummary Knn,
    LatencySummary Retrieval,
    LatencySummary Answer,
    int DeclinedAnswers);
