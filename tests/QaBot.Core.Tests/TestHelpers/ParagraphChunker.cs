using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>A simple chunker for tests: one chunk per non-empty line, with its offsets.</summary>
public sealed class ParagraphChunker : ITextChunker
{
    /// <summary>Settable so a test can change the chunking between index runs.</summary>
    public string Signature { get; set; } = "paragraphs-v1";

    public IReadOnlyList<TextChunk> Chunk(SourceDocument document)
    {
        var chunks = new List<TextChunk>();
        var start = 0;
        while (start < document.Text.Length)
        {
            var end = document.Text.IndexOf('\n', start);
            if (end < 0)
            {
                end = document.Text.Length;
            }

            if (!string.IsNullOrWhiteSpace(document.Text[start..end]))
            {
                var ordinal = chunks.Count;
                chunks.Add(new TextChunk(
                    TextChunk.MakeId(document.Id, ordinal), document.Id, document.Title, document.PublishedDate, ordinal, start, end, document.Text[start..end]));
            }

            start = end + 1;
        }

        return chunks;
    }
}
