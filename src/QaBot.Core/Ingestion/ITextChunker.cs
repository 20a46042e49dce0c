namespace QaBot.Core.Ingestion;

/// <summary>Splits a document into chunks of whole sentences.</summary>
public interface ITextChunker
{
    IReadOnlyList<TextChunk> Chunk(SourceDocument document);
}
