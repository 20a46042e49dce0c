namespace QaBot.Core.Retrieval;

/// <summary>
/// One input list of <see cref="ConvexScoreFusion"/> with what its scores mean, since a score alone does
/// not say where "no evidence" lies or whether an item the list lacks could have scored well.
/// </summary>
/// <param name="Hits">The list, best first; higher scores are better.</param>
/// <param name="Floor">
/// The score that means "no evidence" and is scaled to 0: the least a returned item can score (BM25: 0;
/// cosine similarity: the cut-off below which vector hits are dropped).
/// </param>
/// <param name="CutOff">
/// True when the list stopped at its candidate limit, so an item it lacks may still score above the floor:
/// such an item is credited with the list's lowest returned score, the most it can have scored. False when
/// the list holds every item above the floor (the index is smaller than the limit, or the cut-off dropped
/// some hits), so an item it lacks scores the floor.
/// </param>
public sealed record ScoredList<T>(IReadOnlyList<RankedHit<T>> Hits, double Floor, bool CutOff);
