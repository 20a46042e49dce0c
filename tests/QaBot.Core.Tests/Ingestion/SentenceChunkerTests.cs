using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;
using QaBot.Core.Text;

namespace QaBot.Core.Tests.Ingestion;

public sealed class SentenceChunkerTests
{
    private static SourceDocument Document(string text) => new("doc", "Title", null, text, "hash", "doc.txt");

    private static SentenceChunker Chunker(int maxChars, int overlapChars) =>
        new(Options.Create(new ChunkingOptions { MaxChars = maxChars, OverlapChars = overlapChars }));

    [Fact]
    public void ChunksNeverCutASentenceAndOffsetsMatchTheSource()
    {
        var text = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"Sentence number {i} says something about topic {i % 7}."));
        var document = Document(text);
        var sentenceBounds = SentenceSplitter.Split(text).Select(s => (s.Start, s.End)).ToList();

        var chunks = Chunker(300, 80).Chunk(document);

        Assert.True(chunks.Count > 3);
        foreach (var chunk in chunks)
        {
            Assert.Equal(text[chunk.Start..chunk.End], chunk.Text);
            Assert.Contains(sentenceBounds, b => b.Start == chunk.Start);
            Assert.Contains(sentenceBounds, b => b.End == chunk.End);
            Assert.True(chunk.Text.Length <= 300);
        }

        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(text.Length, chunks[^1].End);
    }

    [Fact]
    public void ConsecutiveChunksOverlapByWholeSentencesAndCoverEverySentence()
    {
        var text = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"This is sentence {i} of the test."));
        var chunks = Chunker(200, 60).Chunk(Document(text));

        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].Start < chunks[i - 1].End, "chunks should overlap");
            Assert.True(chunks[i].Start > chunks[i - 1].Start, "chunks should move forward");
            Assert.True(chunks[i - 1].End - chunks[i].Start <= 60);
        }

        foreach (var sentence in SentenceSplitter.Split(text))
        {
            Assert.Contains(chunks, c => c.Start <= sentence.Start && sentence.End <= c.End);
        }
    }

    [Fact]
    public void ASentenceLongerThanTheLimitBecomesAChunkOfItsOwn()
    {
        var longSentence = "Long " + string.Join(" ", Enumerable.Repeat("word", 100)) + ".";
        var text = $"Short one. {longSentence} Short two.";

        var chunks = Chunker(120, 0).Chunk(Document(text));

        Assert.Equal(["Short one.", longSentence, "Short two."], chunks.Select(c => c.Text));
    }

    [Fact]
    public void ChunksCarryTheDocumentsIdTitleAndDate()
    {
        var document = new SourceDocument("abc", "A title", new DateOnly(2025, 7, 2), "One. Two.", "h", "abc.txt");

        var chunk = Assert.Single(Chunker(500, 100).Chunk(document));

        Assert.Equal(("abc#0", "abc", "A title", new DateOnly(2025, 7, 2)), (chunk.ChunkId, chunk.DocumentId, chunk.Title, chunk.PublishedDate));
    }

    [Fact]
    public void TheEmbeddedTextLeadsWithTheArticlesTitleButTheStoredTextIsThePassageAlone()
    {
        var document = new SourceDocument("abc", "Oil prices rise", null, "Crude rose 3%. Traders cited supply.", "h", "abc.txt");

        var chunk = Assert.Single(Chunker(500, 100).Chunk(document));

        Assert.Equal("Crude rose 3%. Traders cited supply.", chunk.Text);
        Assert.Equal("Oil prices rise\nCrude rose 3%. Traders cited supply.", chunk.EmbeddingText);
    }
}
