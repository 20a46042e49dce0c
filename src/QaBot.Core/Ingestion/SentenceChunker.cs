using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Text;

namespace QaBot.Core.Ingestion;

/// <summary>
/// Packs whole sentences into chunks of at most <see cref="ChunkingOptions.MaxChars"/> characters
/// (a longer sentence becomes a chunk of its own, never cut), repeating up to
/// <see cref="ChunkingOptions.OverlapChars"/> characters of trailing sentences at the start of the
/// next chunk. Chunk text is the exact source span, so offsets point at the passage.
/// </summary>
public sealed class SentenceChunker(IOptions<ChunkingOptions> options) : ITextChunker
{
    /// <summary>Bump when the sentence splitter, the packing or <see cref="TextChunk.EmbeddingText"/> changes what chunks a text gives.</summary>
    private const int AlgorithmVersion = 3;

    public string Signature => $"sentences-v{AlgorithmVersion}/{options.Value.MaxChars}/{options.Value.OverlapChars}";

    public IReadOnlyList<TextChunk> Chunk(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var maxChars = options.Value.MaxChars;
        var overlapChars = Math.Min(options.Value.OverlapChars, maxChars / 2);
        var sentences = SentenceSplitter.Split(document.Text);
        var chunks = new List<TextChunk>();

        var first = 0;
        while (first < sentences.Count)
        {
            // Grow the chunk sentence by sentence while it fits (at least one sentence always).
            var last = first;
            while (last + 1 < sentences.Count && sentences[last + 1].End - sentences[first].Start <= maxChars)
            {
                last++;
            }

            chunks.Add(MakeChunk(document, chunks.Count, sentences[first].Start, sentences[last].End));
            if (last + 1 >= sentences.Count)
            {
                break;
            }

            // The next chunk starts with the trailing sentences that fit in the overlap, but always moves forward.
            var next = last + 1;
            while (next - 1 > first && sentences[last].End - sentences[next - 1].Start <= overlapChars)
            {
                next--;
            }

            first = next;
        }

        return chunks;
    }

    private static TextChunk MakeChunk(SourceDocument document, int ordinal, int start, int end) =>
        new(TextChunk.MakeId(document.Id, ordinal), document.Id, document.Title, document.PublishedDate, ordinal, start, end, document.Text[start..end], document.Url);
}
