using System.Text.Json;
using System.Text.Json.Serialization;

namespace QaBot.Core.Answering;

/// <summary>
/// The JSON shape of an answer, shared by <c>qabot ask --json</c> and the evaluation report:
/// <c>{"question","answer","declined","citations":[{"n","documentId","title","snippet","score"}],"retrieved":[{"documentId","chunkId","score"}],"elapsedMs"}</c>.
/// </summary>
public sealed record AnswerDto(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("declined")] bool Declined,
    [property: JsonPropertyName("citations")] IReadOnlyList<CitationDto> Citations,
    [property: JsonPropertyName("retrieved")] IReadOnlyList<RetrievedDto> Retrieved,
    [property: JsonPropertyName("elapsedMs")] double ElapsedMs,
    [property: JsonPropertyName("composer")] string Composer,
    [property: JsonPropertyName("standaloneQuery")] string StandaloneQuery,
    [property: JsonPropertyName("suggestedQuestions")] IReadOnlyList<string> SuggestedQuestions)
{
    /// <summary>The composer's estimate that the articles answer the question (null when it gives none).</summary>
    [JsonPropertyName("confidence")]
    public double? Confidence { get; init; }

    /// <summary>True when the articles only partly cover the question.</summary>
    [JsonPropertyName("partial")]
    public bool Partial { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AnswerDto From(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AnswerDto(
            answer.Question,
            answer.Text,
            answer.Declined,
            answer.Citations.Select(c => new CitationDto(c.Number, c.DocumentId, c.Title, c.Snippet, c.Score, c.PublishedDate?.ToString("yyyy-MM-dd"), c.SnippetStart, c.SnippetEnd, c.Url)).ToList(),
            answer.Retrieved.Select(r => new RetrievedDto(r.Chunk.DocumentId, r.Chunk.ChunkId, Math.Round(r.Score, 6))).ToList(),
            Math.Round(answer.Elapsed.TotalMilliseconds, 1),
            answer.Composer,
            answer.StandaloneQuery,
            answer.SuggestedQuestions)
        {
            Confidence = answer.Confidence is { } c ? Math.Round(c, 4) : null,
            Partial = answer.Partial,
        };
    }
}
