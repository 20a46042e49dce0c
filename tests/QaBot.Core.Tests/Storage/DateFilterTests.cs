using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;
using QaBot.Core.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

/// <summary>
/// Issue 14, point 5: a date range from a question becomes a VectorData filter that both candidate lists
/// of hybrid retrieval keep to (vec0 KNN and FTS5), on the real SQLite collection.
/// </summary>
public sealed class DateFilterTests : IDisposable
{
    private const int Dimensions = 16;
    private readonly TempStorage _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task ADateRangeKeepsBothCandidateListsToItsArticlesAndLeavesTheStatisticsWhole()
    {
        var corpus = Path.Combine(_storage.RootPath, "corpus");
        Directory.CreateDirectory(corpus);
        (string Date, int Day)[] days = [("2025-06-30", 0), ("2025-07-01", 1), ("2025-07-15", 2), ("2025-07-31", 3), ("2025-08-01", 4)];
        foreach (var (date, i) in days)
        {
            File.WriteAllText(Path.Combine(corpus, $"d{i}.txt"), $"date {date} Oil report {i}\nOil prices rose {i} percent on Monday.");
        }

        File.WriteAllText(Path.Combine(corpus, "undated.txt"), "Oil report without a date\nOil prices rose again on Monday.");
        var loader = new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);
        await _storage.CreateIndexer(loader, new ParagraphChunker(), new HashingEmbeddingGenerator(Dimensions)).IndexAsync();
        var collection = _storage.CreateCollection(Dimensions);
        var vector = HashedBagOfWords.Embed("oil prices rose", Dimensions);
        var july = new PublishedDateRange(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), "in July 2025");

        var all = await collection.SearchCandidatesAsync(vector, 20, "oil prices", 20, ["oil", "price"]);
        var filtered = await collection.SearchCandidatesAsync(vector, 20, "oil prices", 20, ["oil", "price"], july.ToFilter());

        Assert.Equal(12, all.Nearest.Count);
        string[] inJuly = ["d1", "d2", "d3"];
        Assert.Equal(inJuly, filtered.Nearest.Select(r => r.Record.DocumentId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(inJuly, filtered.Keywords.Select(r => r.Record.DocumentId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(all.Statistics.ChunkCount, filtered.Statistics.ChunkCount);
        Assert.Equal(all.Statistics.DocumentFrequency("oil"), filtered.Statistics.DocumentFrequency("oil"));
        Assert.True(filtered.Statistics.DocumentFrequency("oil") > 0);

        var before = new PublishedDateRange(DateOnly.MinValue, new DateOnly(2025, 6, 30), "before July 2025");
        var early = await collection.SearchCandidatesAsync(vector, 20, "oil prices", 20, [], before.ToFilter());
        Assert.Equal(["d0"], early.Keywords.Select(r => r.Record.DocumentId).Distinct());
    }
}
