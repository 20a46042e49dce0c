using Microsoft.Extensions.VectorData;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

/// <summary>The chunk collection (the VectorData port and the hybrid candidates), on every engine.</summary>
public abstract class ChunkCollectionTests(StorageEngine engine) : EngineTests(engine)
{
    private const int Dimensions = 16;
    private VectorStoreCollection<string, ChunkRecord>? _chunks;

    private VectorStoreCollection<string, ChunkRecord> Collection => _chunks ??= Engine.CreateCollection(Dimensions);

    /// <summary>The keyword list of a hybrid read without a vector.</summary>
    private async Task<IReadOnlyList<KeywordSearchResult>> KeywordSearchAsync(string query, int top) =>
        (await ((IHybridCandidateSource)Collection).SearchCandidatesAsync(null, 1, query, top)).Keywords;

    [Fact]
    public async Task EnsureCollectionExistsCreatesTheTablesAndDeleteRemovesThem()
    {
        Assert.False(await Collection.CollectionExistsAsync());
        await Collection.EnsureCollectionExistsAsync();
        await Collection.EnsureCollectionExistsAsync(); // idempotent
        Assert.True(await Collection.CollectionExistsAsync());

        await Collection.EnsureCollectionDeletedAsync();
        Assert.False(await Collection.CollectionExistsAsync());
    }

    [Fact]
    public async Task UpsertedRecordsComeBackByKeyAndAreGoneAfterDelete()
    {
        await Collection.EnsureCollectionExistsAsync();
        var first = Record("doc1", 0, "Jaishankar met Hegseth at the Pentagon.");
        var second = Record("doc1", 1, "They discussed defence cooperation.");
        await Collection.UpsertAsync([first, second]);

        var loaded = await Collection.GetAsync(first.ChunkId, new RecordRetrievalOptions { IncludeVectors = true });
        Assert.NotNull(loaded);
        Assert.Equal(first.Text, loaded.Text);
        Assert.Equal(first.DocumentId, loaded.DocumentId);
        Assert.Equal(first.Title, loaded.Title);
        Assert.Equal("2025-07-02", loaded.PublishedDate);
        Assert.Equal((first.Ordinal, first.StartOffset, first.EndOffset), (loaded.Ordinal, loaded.StartOffset, loaded.EndOffset));
        Assert.Equal(first.Embedding.ToArray(), loaded.Embedding.ToArray());

        var withoutVector = await Collection.GetAsync(first.ChunkId);
        Assert.True(withoutVector!.Embedding.IsEmpty);

        var many = await Collection.GetAsync([second.ChunkId, "missing", first.ChunkId]).ToListAsync();
        Assert.Equal([second.ChunkId, first.ChunkId], many.Select(r => r.ChunkId));

        await Collection.DeleteAsync(first.ChunkId);
        Assert.Null(await Collection.GetAsync(first.ChunkId));
        Assert.Equal((1L, 1L, 1L), await Engine.CountRowsAsync());
        await Collection.DeleteAsync("never-existed");
    }

    [Fact]
    public async Task UpsertingTheSameKeyAgainReplacesTheRowInEveryTable()
    {
        await Collection.EnsureCollectionExistsAsync();
        var original = Record("doc1", 0, "The original sentence about wheat.");
        await Collection.UpsertAsync(original);
        var changed = Record("doc1", 0, "A replacement sentence about barley.");
        await Collection.UpsertAsync(changed);

        Assert.Equal((1L, 1L, 1L), await Engine.CountRowsAsync());
        Assert.Equal(changed.Text, (await Collection.GetAsync(changed.ChunkId))!.Text);
        Assert.Empty(await KeywordSearchAsync("wheat", 5));
        Assert.Single(await KeywordSearchAsync("barley", 5));
        var nearest = await Collection.SearchAsync(changed.Embedding, 1).SingleAsync();
        Assert.Equal(changed.ChunkId, nearest.Record.ChunkId);
        Assert.Equal(1.0, nearest.Score!.Value, 4);
    }

    [Fact]
    public async Task GetWithADocumentFilterReturnsThatDocumentsChunksInOrder()
    {
        await Collection.EnsureCollectionExistsAsync();
        await Collection.UpsertAsync([
            Record("doc2", 1, "Second chunk of doc two."),
            Record("doc1", 0, "Only chunk of doc one."),
            Record("doc2", 0, "First chunk of doc two."),
        ]);

        var documentId = "doc2";
        var chunks = await Collection.GetAsync(r => r.DocumentId == documentId, 10).ToListAsync();
        Assert.Equal(["doc2#0", "doc2#1"], chunks.Select(c => c.ChunkId));

        var later = await Collection.GetAsync(r => r.DocumentId == "doc2" && r.Ordinal > 0, 10).ToListAsync();
        Assert.Equal(["doc2#1"], later.Select(c => c.ChunkId));
    }

    [Fact]
    public async Task NearestNeighboursComeInTheOrderOfABruteForceCosineComputation()
    {
        await Collection.EnsureCollectionExistsAsync();
        var random = new Random(1234);
        var records = Enumerable.Range(0, 200)
            .Select(i => Record($"doc{i % 20}", i / 20, $"chunk {i}", RandomVector(random)))
            .ToList();
        await Collection.UpsertAsync(records);
        var query = RandomVector(random);

        var expected = records
            .Select(r => (r.ChunkId, Similarity: Cosine(query, r.Embedding.Span)))
            .OrderByDescending(x => x.Similarity)
            .Take(10)
            .ToList();
        var actual = await Collection.SearchAsync(new ReadOnlyMemory<float>(query), 10).ToListAsync();

        Assert.Equal(expected.Select(e => e.ChunkId), actual.Select(a => a.Record.ChunkId));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Similarity, actual[i].Score!.Value, 4);
        }

        // With a filter (an exact scan on SQLite, the HNSW index's iterative scan on PostgreSQL) the order must still be the cosine order.
        var filteredExpected = records.Where(r => r.DocumentId == "doc3")
            .OrderByDescending(r => Cosine(query, r.Embedding.Span)).Select(r => r.ChunkId).Take(5);
        var filtered = await Collection.SearchAsync(query, 5, new VectorSearchOptions<ChunkRecord> { Filter = r => r.DocumentId == "doc3" }).ToListAsync();
        Assert.Equal(filteredExpected, filtered.Select(f => f.Record.ChunkId));

        var skipped = await Collection.SearchAsync(query, 3, new VectorSearchOptions<ChunkRecord> { Skip = 2 }).ToListAsync();
        Assert.Equal(expected.Skip(2).Take(3).Select(e => e.ChunkId), skipped.Select(s => s.Record.ChunkId));
    }

    [Fact]
    public async Task SearchWithAVectorOfTheWrongDimensionIsRefused()
    {
        await Collection.EnsureCollectionExistsAsync();
        await Assert.ThrowsAsync<ArgumentException>(async () => await Collection.SearchAsync(new float[Dimensions + 1], 3).ToListAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => Collection.UpsertAsync(Record("doc", 0, "text", new float[3])));
    }

    [Fact]
    public async Task KeywordSearchFindsARareWordAndRanksByBm25()
    {
        await Collection.EnsureCollectionExistsAsync();
        var filler = Enumerable.Range(0, 50).Select(i => Record($"filler{i}", 0, $"Markets traded sideways on day {i} as investors waited."));
        await Collection.UpsertAsync(filler);
        await Collection.UpsertAsync(Record("rare", 0, "The ministry announced a moratorium on cocoa exports."));

        var hits = await KeywordSearchAsync("What about the moratorium?", 5);

        Assert.Equal("rare#0", hits[0].Record.ChunkId);
        Assert.True(hits[0].Score > 0);
        Assert.Equal("rare", Assert.Single(await KeywordSearchAsync("Moratoriums", 5)).Record.DocumentId); // porter stemming
    }

    [Fact]
    public async Task KeywordSearchRanksTheQuerysWordsInItsOrderAboveTheSameWordsScattered()
    {
        // The same content words once each, the same length: only word order tells the two chunks apart,
        // so only the phrases of adjacent query words can rank one above the other.
        await Collection.EnsureCollectionExistsAsync();
        var filler = Enumerable.Range(0, 30).Select(i => Record($"filler{i}", 0, $"Markets traded sideways on day {i} as investors waited."));
        await Collection.UpsertAsync(filler);
        await Collection.UpsertAsync(Record("scattered", 0, "Supply of Canadian timber rises while money for the week is short."));
        await Collection.UpsertAsync(Record("ordered", 0, "Canadian money supply rises in the week while timber is short for."));

        var hits = await KeywordSearchAsync("Canadian money supply rises in week", 5);

        Assert.Equal(["ordered#0", "scattered#0"], hits.Select(h => h.Record.ChunkId));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task AbbreviationsWhoseLetterStemsToNothingAreIndexedAndFound()
    {
        // "U.S." gives the terms "u" and "" (the stem of a lone "s"): no engine may choke on the empty term.
        await Collection.EnsureCollectionExistsAsync();
        await Collection.UpsertAsync(Record("us", 0, "The U.S. covert currency area opened, officials said."));

        var hits = await KeywordSearchAsync("U.S. covert currency", 5);

        Assert.Equal("us#0", Assert.Single(hits).Record.ChunkId);
    }

    [Theory]
    [InlineData("AND OR NEAR(")]
    [InlineData("\"unbalanced quote")]
    [InlineData("cocoa*")]
    [InlineData("text: cocoa")]
    [InlineData("-cocoa ^exports")]
    [InlineData("NOT cocoa AND")]
    [InlineData("(((")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task KeywordSearchTreatsFts5SyntaxInTheQueryAsPlainWords(string query)
    {
        await Collection.EnsureCollectionExistsAsync();
        await Collection.UpsertAsync(Record("rare", 0, "The ministry announced a moratorium on cocoa exports."));

        var hits = await KeywordSearchAsync(query, 5);

        Assert.All(hits, h => Assert.Equal("rare", h.Record.DocumentId));
        if (query.Contains("cocoa", StringComparison.Ordinal))
        {
            Assert.Single(hits);
        }
    }

    [Fact]
    public async Task SearchingBeforeAnythingIsIndexedSaysToRunIndex()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => KeywordSearchAsync("cocoa", 5));

        Assert.Contains("run `qabot index`", error.Message, StringComparison.Ordinal);
        Assert.Equal("SearchCandidates", error.OperationName);
        Assert.Equal("chunks", error.CollectionName);
    }

    [Fact]
    public void GetServiceReturnsCollectionMetadata()
    {
        var metadata = Collection.GetService(typeof(VectorStoreCollectionMetadata)) as VectorStoreCollectionMetadata;
        Assert.Equal(Engine.Name == "sqlite" ? "sqlite" : "postgresql", metadata?.VectorStoreSystemName);
        Assert.Equal("chunks", metadata?.CollectionName);
        Assert.Same(Collection, Collection.GetService(typeof(IHybridCandidateSource)));
    }

    [Fact]
    public async Task ACollectionWithAnotherDimensionThanTheTablesIsRejected()
    {
        await Collection.EnsureCollectionExistsAsync();
        var other = Engine.CreateCollection(Dimensions * 2);

        var error = await Assert.ThrowsAsync<IndexMismatchException>(() => other.EnsureCollectionExistsAsync());
        Assert.Contains("qabot index --rebuild", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Issue 14: a date range keeps both candidate lists to its chunks (not the statistics), and a chunk's URL comes back.</summary>
    [Fact]
    public async Task ADateRangeFilterKeepsBothCandidateListsToItsDatesAndUrlsComeBack()
    {
        await Collection.EnsureCollectionExistsAsync();
        string?[] dates = ["2025-06-30", "2025-07-01", "2025-07-31", "2025-08-01", null];
        var records = dates.Select((date, i) =>
        {
            var record = Record($"d{i}", 0, $"Oil prices rose {i} percent on Monday.");
            record.PublishedDate = date;
            record.Url = i == 1 ? "https://news.example/d1" : null;
            return record;
        }).ToList();
        await Collection.UpsertAsync(records);
        var july = new QaBot.Core.Retrieval.PublishedDateRange(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), "in July 2025");
        var vector = HashedBagOfWords.Embed("oil prices rose", Dimensions);

        var all = await ((IHybridCandidateSource)Collection).SearchCandidatesAsync(vector, 10, "oil prices", 10, ["oil"]);
        var filtered = await ((IHybridCandidateSource)Collection).SearchCandidatesAsync(vector, 10, "oil prices", 10, ["oil"], july.ToFilter());

        Assert.Equal(5, all.Nearest.Count);
        Assert.Equal(["d1", "d2"], filtered.Nearest.Select(r => r.Record.DocumentId).Order(StringComparer.Ordinal));
        Assert.Equal(["d1", "d2"], filtered.Keywords.Select(r => r.Record.DocumentId).Order(StringComparer.Ordinal));
        Assert.Equal(all.Statistics.DocumentFrequency("oil"), filtered.Statistics.DocumentFrequency("oil"));
        Assert.Equal("https://news.example/d1", filtered.Nearest.Single(r => r.Record.DocumentId == "d1").Record.Url);
        Assert.Null(filtered.Nearest.Single(r => r.Record.DocumentId == "d2").Record.Url);
    }

    private static ChunkRecord Record(string documentId, int ordinal, string text, float[]? vector = null) => new()
    {
        ChunkId = $"{documentId}#{ordinal}",
        DocumentId = documentId,
        Title = "Title of " + documentId,
        PublishedDate = "2025-07-02",
        Ordinal = ordinal,
        StartOffset = ordinal * 100,
        EndOffset = (ordinal * 100) + text.Length,
        Text = text,
        Embedding = vector ?? HashedBagOfWords.Embed(text, Dimensions),
    };

    private static float[] RandomVector(Random random) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }
}
