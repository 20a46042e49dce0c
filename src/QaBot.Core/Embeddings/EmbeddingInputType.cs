using Microsoft.Extensions.AI;

namespace QaBot.Core.Embeddings;

/// <summary>
/// Tells an embedding generator whether it embeds a search query or a passage, through
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> (the <c>input_type</c> key, as
/// retrieval-tuned embedding APIs name it). Models that embed queries differently (arctic-embed's
/// query prefix) read it; others ignore it.
/// </summary>
public static class EmbeddingInputType
{
    public const string PropertyName = "input_type";
    public const string Query = "query";

    /// <summary>Options that mark the input as a search query.</summary>
    public static EmbeddingGenerationOptions ForQuery() => new() { AdditionalProperties = new() { [PropertyName] = Query } };

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties is { } properties
        && properties.TryGetValue(PropertyName, out var value)
        && string.Equals(value as string, Query, StringComparison.OrdinalIgnoreCase);
}
