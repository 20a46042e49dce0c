namespace QaBot.Core.Storage;

/// <summary>
/// A chunk found by BM25 keyword search. <see cref="Score"/> is the negated FTS5 <c>bm25()</c> value,
/// so higher is better (FTS5 itself returns more negative for better matches).
/// </summary>
public sealed record KeywordSearchResult(ChunkRecord Record, double Score);
