namespace QaBot.Core.Indexing;

/// <summary>Wall-clock time spent in each stage of an index run.</summary>
public sealed record IndexStageTimings(TimeSpan Read, TimeSpan Chunk, TimeSpan Embed, TimeSpan Store);
