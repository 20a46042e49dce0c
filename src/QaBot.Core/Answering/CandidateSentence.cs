using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>A sentence of a retrieved passage, placed in its document, with the stems used for scoring.</summary>
internal sealed record CandidateSentence(
    RetrievedChunk Passage,
    int PassageRank,
    int Start,
    int End,
    string Text,
    IReadOnlySet<string> Stems,
    IReadOnlySet<string> NeighbourStems,
    IReadOnlySet<string> TitleStems);
