namespace QaBot.Core.Ingestion;

/// <summary>Splits a document into chunks of whole sentences.</summary>
public interface ITextChunker
{
    /// <summary>
    /// Names the chunking: algorithm version and settings. The indexer stores it with each document's
    /// content hash, so changing it (a new splitter, another chunk size) re-chunks every document.
    /// </summary>
    string Signature { get; }

    IReadOnlyList<TextChunk> Chunk(SourceDocument document);
}
