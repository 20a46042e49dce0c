using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Indexing;

/// <summary>An article dump is read on every run and compared record by record: only the records that changed are embedded again.</summary>
public sealed class ArchiveReindexTests : IDisposable
{
    private readonly TempStorage _storage = new();
    private readonly HashingEmbeddingGenerator _generator = new(dimensions: 16);
    private readonly CorpusLoader _loader = new(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);
    private readonly ParagraphChunker _chunker = new();
    private readonly string _dump;

    public ArchiveReindexTests()
    {
        Directory.CreateDirectory(Path.Combine(_storage.RootPath, "corpus"));
        _dump = Path.Combine(_storage.RootPath, "corpus", "wire.jsonl");
        WriteRecords(["Wheat rose on Monday.", "Oil fell on Tuesday.", "Gold was flat on Wednesday."]);
    }

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task AChangedRecordIsEmbeddedAgainAndARemovedOneDeleted()
    {
        var first = await Indexer().IndexAsync();
        Assert.Equal((3, 3), (first.DocumentsSeen, first.DocumentsEmbedded));

        var unchanged = await Indexer().IndexAsync();
        Assert.Equal((3, 0), (unchanged.DocumentsUnchanged, unchanged.DocumentsEmbedded));
        Assert.False(await Indexer().IsStaleAsync());

        WriteRecords(["Wheat rose on Monday.", "Oil rose on Tuesday."]);
        Assert.True(await Indexer().IsStaleAsync());
        var changed = await Indexer().IndexAsync();

        Assert.Equal((2, 1, 1, 1), (changed.DocumentsSeen, changed.DocumentsEmbedded, changed.DocumentsUnchanged, changed.DocumentsDeleted));
        Assert.Contains("Oil rose", (await _storage.CreateStore().GetDocumentAsync("r1"))!.Text, StringComparison.Ordinal);
        Assert.Null(await _storage.CreateStore().GetDocumentAsync("r2"));
        await _storage.AssertConsistentAsync();
    }

    private void WriteRecords(IReadOnlyList<string> bodies) =>
        File.WriteAllLines(_dump, bodies.Select((body, i) => $$"""{"id": "r{{i}}", "title": "Market report {{i}}", "body": "{{body}}"}"""));

    private Core.Indexing.CorpusIndexer Indexer() => _storage.CreateIndexer(_loader, _chunker, _generator);
}
