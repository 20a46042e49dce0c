using System.Text.Json.Serialization;

namespace QaBot.Core.Answering;

/// <summary>A retrieved chunk in <see cref="AnswerDto"/>.</summary>
public sealed record RetrievedDto(
    [property: JsonPropertyName("documentId")] string DocumentId,
    [property: JsonPropertyName("chunkId")] string ChunkId,
    [property: JsonPropertyName("score")] double Score);
