using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>
/// A sentence of a retrieved passage, placed in its document, with the analyzed terms the answer
/// features read: its own, its neighbours' within the passage, the passage's and the article title's.
/// </summary>
public sealed record CandidateSentence(
    RetrievedChunk Passage,
    int PassageRank,
    int IndexInPassage,
    int Start,
    int End,
    string Text,
    IReadOnlyList<string> Terms,
    IReadOnlySet<string> Stems,
    IReadOnlySet<string> NeighbourStems,
    IReadOnlySet<string> PassageStems,
    IReadOnlySet<string> TitleStems,
    bool IsHeadline)
{
    /// <summary>The sentence before this one in its passage (empty for the first).</summary>
    public string Previous { get; init; } = string.Empty;

    public string DocumentId => Passage.Chunk.DocumentId;
}
