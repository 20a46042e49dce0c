using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Indexing;

/// <summary>
/// The indexer reads the corpus a slice of files at a time as the pipeline pulls documents, so the
/// first documents are stored before the last files are read; the outcome must be the one a full read
/// gives, also for broken files and duplicate ids that fall in later slices.
/// </summary>
public sealed class StreamingIndexTests : IDisposable
{
    private const int FileCount = (2 * CorpusChangeDetector.ReadSlice) + 90;
    private readonly TempStorage _storage = new();
    private readonly HashingEmbeddingGenerator _generator = new(dimensions: 16);
    private readonly CountingCorpusLoader _loader = new(new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance));
    private readonly string _corpus;

    public StreamingIndexTests()
    {
        _corpus = Path.Combine(_storage.RootPath, "corpus");
        Directory.CreateDirectory(Path.Combine(_corpus, "b"));
        for (var i = 0; i < FileCount; i++)
        {
            Write($"a/doc{i:000}.txt", $"Headline {i}\nFirst sentence of article {i} about wheat.\nSecond sentence {i} about oil prices.");
        }
    }

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task TheFirstDocumentsAreStoredBeforeTheLastFilesAreRead()
    {
        int? filesReadAtFirstStore = null;
        IndexProgress? last = null;
        var progress = new SynchronousProgress<IndexProgress>(p =>
        {
            last = p;
            if (p.DocumentsDone > 0)
            {
                filesReadAtFirstStore ??= _loader.FilesRead;
            }
        });

        var report = await CreateIndexer().IndexAsync(progress: progress);

        Assert.Equal(FileCount, report.DocumentsEmbedded);
        Assert.Equal(FileCount, _loader.FilesRead);
        Assert.NotNull(filesReadAtFirstStore);
        Assert.True(filesReadAtFirstStore <= 2 * CorpusChangeDetector.ReadSlice, $"{filesReadAtFirstStore} of {FileCount} files had been read when the first batch was stored.");
        Assert.Equal(new IndexProgress(FileCount, FileCount, $"doc{FileCount - 1:000}"), last);
        await _storage.AssertConsistentAsync();
    }

    [Fact]
    public async Task BrokenFilesAndDuplicateIdsInLaterSlicesAreReportedAsAFullReadReportsThem()
    {
        // Path order: a/… (the 602 articles) before b/…, so the copies in b/ lose their ids; the broken
        // files sit in the second and third slices.
        Write("a/doc300.txt", string.Empty);
        Write("a/doc555.txt", "\u0000\u0001 not text");
        Write("b/doc010.txt", "Another article that claims the id doc010.");
        Write("b/doc300.txt", "This one keeps doc300: the file in a/ is empty.");
        var expected = await _loader.LoadAsync(_corpus);
        _loader.Reset();

        var report = await CreateIndexer().IndexAsync();

        Assert.Equal(FileCount - 1, expected.Documents.Count);
        Assert.Equal((expected.Documents.Count, expected.Documents.Count), (report.DocumentsSeen, report.DocumentsEmbedded));
        Assert.Equal(
            expected.Skipped.Select(s => (Path.GetRelativePath(_corpus, s.Path), s.Reason)).Order(),
            report.Skipped.Select(s => (Path.GetRelativePath(_corpus, s.Path), s.Reason)).Order());
        Assert.Equal(["a/doc300.txt", "a/doc555.txt", "b/doc010.txt"], report.Skipped.Select(s => Path.GetRelativePath(_corpus, s.Path)));
        var stored = await _storage.CreateStore().GetDocumentHashesAsync();
        Assert.Equal(expected.Documents.Select(d => d.Id).Order(), stored.Keys.Order());
        Assert.Equal(FileCount + 2, _loader.FilesRead); // two of the four writes replaced articles
        await _storage.AssertConsistentAsync();

        // A second run reads only what is not in the catalog by its stamp: the broken files and the loser of a duplicate id.
        _loader.Reset();
        var again = await CreateIndexer().IndexAsync();

        Assert.Equal((0, expected.Documents.Count), (again.DocumentsEmbedded, again.DocumentsUnchanged));
        Assert.Equal(report.Skipped, again.Skipped);
        Assert.Equal(3, _loader.FilesRead);
    }

    [Fact]
    public async Task ACorpusWithNothingToIndexWritesNothing()
    {
        foreach (var file in Directory.EnumerateFiles(_corpus, "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        Write("a/empty.txt", string.Empty);

        var report = await CreateIndexer().IndexAsync();

        Assert.Equal((0, 0, 0), (report.DocumentsSeen, report.DocumentsEmbedded, report.ChunksWritten));
        Assert.Equal("a/empty.txt", Path.GetRelativePath(_corpus, Assert.Single(report.Skipped).Path));
        Assert.Equal((0L, 0L, 0L), await _storage.CountRowsAsync());
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_corpus, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
    }

    private CorpusIndexer CreateIndexer() => _storage.CreateIndexer(_loader, new ParagraphChunker(), _generator);
}
