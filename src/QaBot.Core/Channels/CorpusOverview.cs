namespace QaBot.Core.Channels;

/// <summary>How many articles are indexed, and example questions about them.</summary>
public sealed record CorpusOverview(long Documents, IReadOnlyList<string> Questions);
