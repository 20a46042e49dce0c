namespace QaBot.Core.Storage;

/// <summary>What the index holds; <see cref="EmbeddingModel"/> is null when nothing has been indexed yet.</summary>
public sealed record IndexStats(long Documents, long Chunks, EmbeddingModelInfo? EmbeddingModel, long DatabaseBytes, string DatabasePath);
