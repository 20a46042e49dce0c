using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>
/// Gives each citation its article's own address (<see cref="Citation.Url"/>) from the retrieved passage it
/// cites, whichever composer wrote the answer.
/// </summary>
public static class CitationUrls
{
    public static IReadOnlyList<Citation> Attach(IReadOnlyList<Citation> citations, IReadOnlyList<RetrievedChunk> passages)
    {
        ArgumentNullException.ThrowIfNull(citations);
        ArgumentNullException.ThrowIfNull(passages);
        if (citations.Count == 0 || !passages.Any(p => p.Chunk.Url is not null))
        {
            return citations;
        }

        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            if (passage.Chunk.Url is { } url)
            {
                urls.TryAdd(passage.Chunk.DocumentId, url);
            }
        }

        return citations.Select(c => c.Url is null && urls.TryGetValue(c.DocumentId, out var url) ? c with { Url = url } : c).ToList();
    }
}
