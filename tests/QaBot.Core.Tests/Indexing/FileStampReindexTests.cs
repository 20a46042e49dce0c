using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Indexing;

/// <summary>
/// Re-indexing a real corpus folder with the real <see cref="CorpusLoader"/>: files whose size and
/// last-write time are the ones in the catalog are not read; every other file is read and compared by content.
/// </summary>
public sealed class FileStampReindexTests : IDisposable
{
    private static readonly DateTime AnHourAgo = DateTime.UtcNow.AddHours(-1);
    private readonly TempStorage _storage = new();
    private readonly HashingEmbeddingGenerator _generator = new(dimensions: 16);
    private readonly ParagraphChunker _chunker = new();
    private readonly CountingCorpusLoader _loader;
    private readonly string _corpus;

    public FileStampReindexTests()
    {
        _corpus = Path.Combine(_storage.RootPath, "corpus");
        Directory.CreateDirectory(Path.Combine(_corpus, "more"));
        for (var i = 0; i < 12; i++)
        {
            // Markdown paragraphs are separated by blank lines (lines in a row are one paragraph).
            var lineBreak = i < 8 ? "\n" : "\n\n";
            Write(
                i < 8 ? $"doc{i:00}.txt" : $"more/doc{i:00}.md",
                $"Headline {i}{lineBreak}First sentence of article {i} about wheat.{lineBreak}Second sentence {i} about oil prices.",
                AnHourAgo);
        }

        _loader = new CountingCorpusLoader(new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance));
    }

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task AReindexOfAnUnchangedFolderReadsNoFile()
    {
        var first = await CreateIndexer().IndexAsync();
        Assert.Equal((12, 12), (first.DocumentsEmbedded, _loader.FilesRead));
        _loader.Reset();

        var report = await CreateIndexer().IndexAsync();
        Assert.False(await CreateIndexer().IsStaleAsync());

        Assert.Equal(0, _loader.FilesRead);
        Assert.Equal((12, 0, 12), (report.DocumentsSeen, report.DocumentsEmbedded, report.DocumentsUnchanged));
        Assert.Equal(36, _generator.TextsEmbedded);
    }

    [Fact]
    public async Task AFileChangedInContentWithTheSameLengthAndANewTimeIsReindexed()
    {
        await CreateIndexer().IndexAsync();
        var path = Path.Combine(_corpus, "doc03.txt");
        var length = new FileInfo(path).Length;
        Write("doc03.txt", File.ReadAllText(path).Replace("wheat", "maize", StringComparison.Ordinal), AnHourAgo.AddMinutes(30));
        Assert.Equal(length, new FileInfo(path).Length);
        _loader.Reset();

        Assert.True(await CreateIndexer().IsStaleAsync());
        var report = await CreateIndexer().IndexAsync();

        Assert.Equal(["doc03.txt", "doc03.txt"], _loader.PathsRead);
        Assert.Equal(1, report.DocumentsEmbedded);
        Assert.Contains("maize", (await _storage.CreateStore().GetDocumentAsync("doc03"))!.Text, StringComparison.Ordinal);
        _loader.Reset();
        Assert.False(await CreateIndexer().IsStaleAsync());
        Assert.Equal(0, _loader.FilesRead);
    }

    [Fact]
    public async Task AFileTouchedWithIdenticalContentIsReadOnceAndNotReembedded()
    {
        await CreateIndexer().IndexAsync();
        File.SetLastWriteTimeUtc(Path.Combine(_corpus, "more", "doc10.md"), AnHourAgo.AddMinutes(10));
        _loader.Reset();

        Assert.False(await CreateIndexer().IsStaleAsync());
        var report = await CreateIndexer().IndexAsync();
        var next = await CreateIndexer().IndexAsync();

        // Read by the staleness check and by the index run, which records the new stamp: the next run reads nothing.
        Assert.Equal(["doc10.md", "doc10.md"], _loader.PathsRead);
        Assert.Equal((0, 12), (report.DocumentsEmbedded, report.DocumentsUnchanged));
        Assert.Equal(0, next.DocumentsEmbedded);
        Assert.Equal(36, _generator.TextsEmbedded);
    }

    [Fact]
    public async Task ADatabaseWrittenWithTheOldHashFormatIsReadOnceAndEmbedsNothing()
    {
        await CreateIndexer().IndexAsync();
        await using (var connection = await _storage.Connections.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            // What an index written before file stamps holds: "{sha256}/{chunkerSignature}".
            command.CommandText = """UPDATE "documents" SET content_hash = substr(content_hash, 1, instr(content_hash, '/file:') - 1);""";
            Assert.Equal(12, await command.ExecuteNonQueryAsync());
        }

        var oldFormat = await _storage.CreateStore().GetDocumentHashesAsync();
        Assert.All(oldFormat.Values, v => Assert.EndsWith("/paragraphs-v1", v, StringComparison.Ordinal));
        _loader.Reset();

        var report = await CreateIndexer().IndexAsync();
        Assert.Equal(12, _loader.FilesRead);
        Assert.Equal((0, 12), (report.DocumentsEmbedded, report.DocumentsUnchanged));

        _loader.Reset();
        var next = await CreateIndexer().IndexAsync();
        Assert.Equal((0, 0), (_loader.FilesRead, next.DocumentsEmbedded));
        Assert.Equal(36, _generator.TextsEmbedded);
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task AFileWrittenJustNowIsReadAgainUntilItsTimeIsOldEnoughToTrust()
    {
        var path = Path.Combine(_corpus, "doc05.txt");
        File.AppendAllText(path, "\nA third sentence.");
        await CreateIndexer().IndexAsync();
        _loader.Reset();

        var report = await CreateIndexer().IndexAsync();
        Assert.Equal(["doc05.txt"], _loader.PathsRead);
        Assert.Equal(0, report.DocumentsEmbedded);

        File.SetLastWriteTimeUtc(path, AnHourAgo);
        await CreateIndexer().IndexAsync();
        _loader.Reset();
        await CreateIndexer().IndexAsync();
        Assert.Equal(0, _loader.FilesRead);
    }

    [Fact]
    public async Task ASymlinkedFileIsStampedByItsTarget()
    {
        var target = Path.Combine(_storage.RootPath, "elsewhere.txt");
        File.WriteAllText(target, "Linked headline\nA linked story about wheat.");
        File.SetLastWriteTimeUtc(target, AnHourAgo);
        var link = Path.Combine(_corpus, "linked.txt");
        File.CreateSymbolicLink(link, target);
        File.SetLastWriteTimeUtc(target, AnHourAgo);
        await CreateIndexer().IndexAsync();

        File.WriteAllText(target, "Linked headline\nA linked story about maize.");
        File.SetLastWriteTimeUtc(target, AnHourAgo.AddMinutes(20));
        _loader.Reset();
        var report = await CreateIndexer().IndexAsync();

        Assert.Equal(["linked.txt"], _loader.PathsRead);
        Assert.Equal(1, report.DocumentsEmbedded);
        Assert.Contains("maize", (await _storage.CreateStore().GetDocumentAsync("linked"))!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenFilesAndDuplicateIdsAreReportedOnEveryRunAndDeletedFilesAreRemoved()
    {
        File.WriteAllBytes(Path.Combine(_corpus, "broken.txt"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);
        File.SetLastWriteTimeUtc(Path.Combine(_corpus, "broken.txt"), AnHourAgo);
        Write("more/doc01.txt", "Headline 1 again\nThe same id in another folder.", AnHourAgo);
        var first = await CreateIndexer().IndexAsync();
        File.Delete(Path.Combine(_corpus, "doc02.txt"));
        _loader.Reset();

        var report = await CreateIndexer().IndexAsync();

        Assert.Equal(Skipped(first), Skipped(report));
        Assert.Equal(["broken.txt: looks binary", "doc01.txt: has the same document id 'doc01'"], Skipped(report));
        Assert.Equal(["broken.txt", "doc01.txt"], _loader.PathsRead);
        Assert.Equal((11, 0, 1), (report.DocumentsSeen, report.DocumentsEmbedded, report.DocumentsDeleted));
        Assert.Equal("Headline 1", (await _storage.CreateStore().GetDocumentAsync("doc01"))!.Title);
        Assert.Null(await _storage.CreateStore().GetDocumentAsync("doc02"));
        Assert.False(await CreateIndexer().IsStaleAsync());
    }

    [Fact]
    public async Task FilesIndexedUnderALargerSizeLimitAreSkippedAndRemovedWhenTheLimitShrinks()
    {
        await CreateIndexer().IndexAsync();
        // doc00..doc07 are 87 bytes long, doc08 and doc09 89 (Markdown: blank lines), doc10 and doc11 92.
        var strict = new CountingCorpusLoader(new CorpusLoader(Options.Create(new CorpusOptions { MaxFileBytes = 90 }), NullLogger<CorpusLoader>.Instance));

        var report = await CreateIndexer(strict).IndexAsync();

        Assert.Equal(["doc10.md", "doc11.md"], report.Skipped.Select(s => Path.GetFileName(s.Path)));
        Assert.All(report.Skipped, s => Assert.Contains("too large", s.Reason, StringComparison.Ordinal));
        Assert.Equal(["doc10.md", "doc11.md"], strict.PathsRead);
        Assert.Equal((10, 0, 2), (report.DocumentsSeen, report.DocumentsEmbedded, report.DocumentsDeleted));
        Assert.Null(await _storage.CreateStore().GetDocumentAsync("doc11"));
    }

    private static List<string> Skipped(IndexReport report) =>
        report.Skipped.Select(s => $"{Path.GetFileName(s.Path)}: {string.Join(' ', s.Reason.Split(' ').Take(s.Reason.StartsWith("has", StringComparison.Ordinal) ? 6 : 2))}").ToList();

    private void Write(string relativePath, string text, DateTime lastWriteUtc)
    {
        var path = Path.Combine(_corpus, relativePath);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
    }

    private CorpusIndexer CreateIndexer(ICorpusLoader? loader = null) => _storage.CreateIndexer(loader ?? _loader, _chunker, _generator);
}
