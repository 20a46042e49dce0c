using System.Text.Json.Serialization;

namespace QaBot.Core.Answering;

/// <summary>A citation in <see cref="AnswerDto"/>.</summary>
public sealed record CitationDto(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("documentId")] string DocumentId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("snippet")] string Snippet,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null);
