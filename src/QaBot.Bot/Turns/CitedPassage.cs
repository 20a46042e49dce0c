using QaBot.Core.Answering;

namespace QaBot.Bot.Turns;

/// <summary>What one citation points at in its article: the exact cited segments, in reading order.</summary>
public sealed record CitedPassage(Citation Citation, IReadOnlyList<CitedSegment> Segments)
{
    /// <summary>A passage from the citation alone (its article could not be read): one segment, no context.</summary>
    public static CitedPassage WithoutContext(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        return new CitedPassage(citation, [new CitedSegment(citation.SnippetStart, citation.SnippetEnd, string.Empty, citation.Snippet, string.Empty)]);
    }

    /// <summary>The character ranges the document page highlights.</summary>
    public IReadOnlyList<(int Start, int End)> Ranges => [.. Segments.Select(s => (s.Start, s.End))];
}
