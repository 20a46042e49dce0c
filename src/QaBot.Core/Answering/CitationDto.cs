using System.Text.Json.Serialization;

namespace QaBot.Core.Answering;

/// <summary>One citation in <see cref="AnswerDto"/>: <c>n</c> is the <c>[n]</c> marker in the answer text.</summary>
public sealed record CitationDto(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("documentId")] string DocumentId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("snippet")] string Snippet,
    [property: JsonPropertyName("score")] double Score)
{
    public static CitationDto From(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        return new CitationDto(citation.Number, citation.DocumentId, citation.Title, citation.Snippet, citation.Score);
    }
}
