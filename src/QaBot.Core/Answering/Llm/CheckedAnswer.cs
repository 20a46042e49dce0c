namespace QaBot.Core.Answering.Llm;

/// <summary>A generated answer after <see cref="CitationChecker"/>: markers renumbered, citations from the given passages.</summary>
public sealed record CheckedAnswer(string Text, bool Declined, IReadOnlyList<Citation> Citations, int RemovedMarkers);
