using System.Text.Json.Serialization;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering;

/// <summary>One retrieved chunk in <see cref="AnswerDto"/>, in retrieval order (best first).</summary>
public sealed record RetrievedChunkDto(
    [property: JsonPropertyName("documentId")] string DocumentId,
    [property: JsonPropertyName("chunkId")] string ChunkId,
    [property: JsonPropertyName("score")] double Score)
{
    public static RetrievedChunkDto From(RetrievedChunk retrieved)
    {
        ArgumentNullException.ThrowIfNull(retrieved);
        return new RetrievedChunkDto(retrieved.Chunk.DocumentId, retrieved.Chunk.ChunkId, retrieved.Score);
    }
}
