namespace QaBot.Core.Retrieval;

/// <summary>Finds the chunks most relevant to a (standalone) query.</summary>
public interface IRetriever
{
    Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string query, int? topK = null, CancellationToken cancellationToken = default);
}
