using QaBot.Core.Indexing;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Reliability;

/// <summary>The one-snapshot candidate read used by hybrid retrieval returns what the two separate searches return.</summary>
public abstract class SearchCandidatesTests(StorageEngine engine) : EngineTests(engine)
{
    private const int Dimensions = 16;

    [Fact]
    public async Task CandidatesFromOneSnapshotMatchTheSeparateVectorAndKeywordSearches()
    {
        var loader = new InMemoryCorpusLoader();
        for (var i = 0; i < 10; i++)
        {
            loader.Files[$"doc{i}"] = $"Headline {i}\nOil prices rose {i} percent on Monday.\nWheat harvest {i} was late in the north.";
        }

        var generator = new HashingEmbeddingGenerator(Dimensions);
        var indexer = Engine.CreateIndexer(loader, new ParagraphChunker(), generator, batchSize: 4, corpusPath: Engine.RootPath);
        await indexer.IndexAsync();
        var collection = Engine.CreateCollection(Dimensions);
        var candidates = (IHybridCandidateSource)collection;
        var vector = HashedBagOfWords.Embed("oil prices wheat", Dimensions);

        var both = await candidates.SearchCandidatesAsync(vector, 7, "oil prices", 5, ["oil", "price", "absent"]);
        var nearest = await collection.SearchAsync(vector, 7).ToListAsync();
        var keywords = (await candidates.SearchCandidatesAsync(null, 1, "oil prices", 5)).Keywords;

        Assert.Equal(7, both.Nearest.Count);
        Assert.Equal(nearest.Select(r => (r.Record.ChunkId, r.Score)), both.Nearest.Select(r => (r.Record.ChunkId, r.Score)));
        Assert.Equal(5, both.Keywords.Count);
        Assert.Equal(keywords.Select(r => (r.Record.ChunkId, r.Score)), both.Keywords.Select(r => (r.Record.ChunkId, r.Score)));

        var all = await collection.GetAsync(r => r.ChunkId != "", 1000).ToListAsync();
        Assert.Equal(all.Count, both.Statistics.ChunkCount);
        Assert.Equal(all.Count(c => c.Text.Contains("Oil prices", StringComparison.Ordinal)), both.Statistics.DocumentFrequency("oil"));
        Assert.Equal(all.Count(c => c.Text.Contains("Oil prices", StringComparison.Ordinal)), both.Statistics.DocumentFrequency("price"));
        Assert.Equal(0, both.Statistics.DocumentFrequency("absent"));

        var keywordsOnly = await candidates.SearchCandidatesAsync(null, 7, "wheat", 3);
        Assert.Empty(keywordsOnly.Nearest);
        Assert.Equal(3, keywordsOnly.Keywords.Count);
        Assert.All(keywordsOnly.Keywords, r => Assert.Contains("Wheat", r.Record.Text, StringComparison.Ordinal));

        var noWords = await candidates.SearchCandidatesAsync(vector, 2, "?!", 3);
        Assert.Equal(2, noWords.Nearest.Count);
        Assert.Empty(noWords.Keywords);
    }
}

public sealed class SqliteSearchCandidatesTests() : SearchCandidatesTests(new SqliteStorageEngine());

public sealed class PostgresSearchCandidatesTests() : SearchCandidatesTests(new PostgresStorageEngine());
