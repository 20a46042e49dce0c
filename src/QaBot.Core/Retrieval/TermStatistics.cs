namespace QaBot.Core.Retrieval;

/// <summary>Document (chunk) frequencies of some stems, and the number of chunks they were counted over.</summary>
public sealed record TermStatistics(long ChunkCount, IReadOnlyDictionary<string, long> DocumentFrequencies)
{
    /// <summary>No chunks, no terms.</summary>
    public static TermStatistics Empty { get; } = new(0, new Dictionary<string, long>());

    public long DocumentFrequency(string stem) => DocumentFrequencies.TryGetValue(stem, out var df) ? df : 0;

    /// <summary>BM25's inverse document frequency, always positive.</summary>
    public double Idf(string stem)
    {
        var df = DocumentFrequency(stem);
        return Math.Log(1 + ((ChunkCount - df + 0.5) / (df + 0.5)));
    }
}
