namespace QaBot.Core.Retrieval;

/// <summary>One entry of a ranked list before fusion (list order is the rank).</summary>
public sealed record RankedHit<T>(string Key, T Item, double Score);
