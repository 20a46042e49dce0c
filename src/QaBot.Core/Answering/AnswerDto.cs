using System.Text.Json.Serialization;

namespace QaBot.Core.Answering;

/// <summary>
/// The JSON shape of one answer, shared by <c>qabot ask --json</c> and the evaluator's per-case
/// records so both emit the same fields:
/// <c>{"question","answer","declined","citations":[{"n","documentId","title","snippet","score"}],
/// "retrieved":[{"documentId","chunkId","score"}],"elapsedMs","composer"}</c>.
/// Property names are fixed by attributes, so any <see cref="System.Text.Json.JsonSerializerOptions"/> gives them.
/// </summary>
public sealed record AnswerDto(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("declined")] bool Declined,
    [property: JsonPropertyName("citations")] IReadOnlyList<CitationDto> Citations,
    [property: JsonPropertyName("retrieved")] IReadOnlyList<RetrievedChunkDto> Retrieved,
    [property: JsonPropertyName("elapsedMs")] double ElapsedMs,
    [property: JsonPropertyName("composer")] string Composer)
{
    public static AnswerDto From(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);

        return new AnswerDto(
            answer.Question,
            answer.Text,
            answer.Declined,
            [.. answer.Citations.Select(CitationDto.From)],
            [.. answer.Retrieved.Select(RetrievedChunkDto.From)],
            RoundMilliseconds(answer.Elapsed),
            answer.Composer);
    }

    /// <summary>Milliseconds rounded to 0.1 ms: enough for latency figures, short in JSON.</summary>
    public static double RoundMilliseconds(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 1);
}
