using QaBot.Core.Indexing;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Reliability;

/// <summary>The one-snapshot candidate read used by hybrid retrieval returns what the two separate searches return.</summary>
public sealed class SearchCandidatesTests : IDisposable
{
    private const int Dimensions = 16;
    private readonly TempStorage _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task CandidatesFromOneSnapshotMatchTheSeparateVectorAndKeywordSearches()
    {
        var loader = new InMemoryCorpusLoader();
        for (var i = 0; i < 10; i++)
        {
            loader.Files[$"doc{i}"] = $"Headline {i}\nOil prices rose {i} percent on Monday.\nWheat harvest {i} was late in the north.";
        }

        var generator = new HashingEmbeddingGenerator(Dimensions);
        var indexer = _storage.CreateIndexer(loader, new ParagraphChunker(), generator, batchSize: 4, corpusPath: _storage.RootPath);
        await indexer.IndexAsync();
        var collection = _storage.CreateCollection(Dimensions);
        var vector = HashedBagOfWords.Embed("oil prices wheat", Dimensions);

        var both = await collection.SearchCandidatesAsync(vector, 7, "oil prices", 5);
        var nearest = await collection.SearchAsync(vector, 7).ToListAsync();
        var keywords = await collection.KeywordSearchAsync("oil prices", 5);

        Assert.Equal(7, both.Nearest.Count);
        Assert.Equal(nearest.Select(r => (r.Record.ChunkId, r.Score)), both.Nearest.Select(r => (r.Record.ChunkId, r.Score)));
        Assert.Equal(5, both.Keywords.Count);
        Assert.Equal(keywords.Select(r => (r.Record.ChunkId, r.Score)), both.Keywords.Select(r => (r.Record.ChunkId, r.Score)));

        var keywordsOnly = await collection.SearchCandidatesAsync(null, 7, "wheat", 3);
        Assert.Empty(keywordsOnly.Nearest);
        Assert.Equal(3, keywordsOnly.Keywords.Count);
        Assert.All(keywordsOnly.Keywords, r => Assert.Contains("Wheat", r.Record.Text, StringComparison.Ordinal));

        var noWords = await collection.SearchCandidatesAsync(vector, 2, "?!", 3);
        Assert.Equal(2, noWords.Nearest.Count);
        Assert.Empty(noWords.Keywords);
    }
}
