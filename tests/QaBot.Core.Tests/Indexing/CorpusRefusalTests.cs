using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Indexing;

/// <summary>
/// Issue 12, row 6 and issue 14, point 3: an index run never deletes a whole index by accident — an emptied
/// (or wholly unreadable) corpus folder and a database that holds another corpus's index are refused
/// with a clear message and left as they were; <c>--rebuild</c> says to go on.
/// </summary>
public sealed class CorpusRefusalTests : IDisposable
{
    private readonly TempStorage _storage = new();
    private readonly HashingEmbeddingGenerator _generator = new(dimensions: 16);
    private readonly CorpusLoader _loader = new(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);
    private readonly ParagraphChunker _chunker = new();

    public CorpusRefusalTests()
    {
        foreach (var corpus in (string[])["corpus", "other"])
        {
            Directory.CreateDirectory(Path.Combine(_storage.RootPath, corpus));
            for (var i = 0; i < 3; i++)
            {
                File.WriteAllText(Path.Combine(_storage.RootPath, corpus, $"{corpus}{i}.txt"), $"Headline {i}\nA sentence of article {i} about wheat.");
            }
        }
    }

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task AnEmptiedCorpusFolderIsRefusedAndTheIndexKeptUntilRebuild()
    {
        await Indexer().IndexAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(_storage.RootPath, "corpus")))
        {
            File.Delete(file);
        }

        File.WriteAllText(Path.Combine(_storage.RootPath, "corpus", "notes.docx"), "not an article");

        var ex = await Assert.ThrowsAsync<IndexRefusedException>(() => Indexer().IndexAsync());
        Assert.Equal(IndexRefusal.CorpusEmpty, ex.Reason);
        Assert.Contains("holds no readable article", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the index holds 3 documents", ex.Message, StringComparison.Ordinal);
        Assert.Contains("qabot index --rebuild", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await _storage.CreateStore().GetDocumentHashesAsync()).Count);
        Assert.Equal((6L, 6L, 6L), await _storage.CountRowsAsync());

        var rebuilt = await Indexer().IndexAsync(rebuild: true);
        Assert.Equal(0, rebuilt.DocumentsSeen);
        Assert.Empty(await _storage.CreateStore().GetDocumentHashesAsync());
    }

    [Fact]
    public async Task AFolderWhoseEveryFileHasBecomeUnreadableIsRefusedToo()
    {
        await Indexer().IndexAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(_storage.RootPath, "corpus")))
        {
            File.WriteAllBytes(file, []);
        }

        var ex = await Assert.ThrowsAsync<IndexRefusedException>(() => Indexer().IndexAsync());

        Assert.Equal(IndexRefusal.CorpusEmpty, ex.Reason);
        Assert.Equal(3, (await _storage.CreateStore().GetDocumentHashesAsync()).Count);
    }

    [Fact]
    public async Task RemovingSomeFilesStillDeletesTheirDocuments()
    {
        await Indexer().IndexAsync();
        File.Delete(Path.Combine(_storage.RootPath, "corpus", "corpus1.txt"));

        var report = await Indexer().IndexAsync();

        Assert.Equal((2, 1), (report.DocumentsSeen, report.DocumentsDeleted));
    }

    [Fact]
    public async Task ADatabaseHoldingAnotherCorpusIsRefusedAndTheOtherIndexKept()
    {
        await Indexer().IndexAsync();
        var other = Indexer("other");

        Assert.True(await other.IsStaleAsync());
        var ex = await Assert.ThrowsAsync<IndexRefusedException>(() => other.IndexAsync());

        Assert.Equal(IndexRefusal.OtherCorpus, ex.Reason);
        Assert.Contains("holds 3 documents of the corpus 'corpus', not of 'other'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["corpus0", "corpus1", "corpus2"], (await _storage.CreateStore().GetDocumentHashesAsync()).Keys.Order(StringComparer.Ordinal));

        await other.IndexAsync(rebuild: true);
        Assert.Equal(["other0", "other1", "other2"], (await _storage.CreateStore().GetDocumentHashesAsync()).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("other", await _storage.CreateStore().GetCorpusAsync());
    }

    private CorpusIndexer Indexer(string corpus = "corpus") => _storage.CreateIndexer(_loader, _chunker, _generator, corpusPath: corpus);
}
