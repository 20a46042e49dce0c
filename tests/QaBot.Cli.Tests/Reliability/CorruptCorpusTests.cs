using System.Text;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Tests.TestHelpers;
using QaBot.Core.Indexing;
using QaBot.Testing;
using Xunit.Abstractions;

namespace QaBot.Cli.Tests.Reliability;

/// <summary>
/// Issue 7, point 4 (and issue 12, row 11; issue 14, point 2): a corpus folder with empty, blank, binary
/// (also binary only past its first 8 KB), huge (50 MB) and duplicate-id files indexes the good articles
/// and names every skipped file with its reason, once in the CLI's output and in the indexer's report; a
/// Windows-1252 file is read with a note, and a file of another type is counted and named.
/// </summary>
public sealed class CorruptCorpusTests(ITestOutputHelper output)
{
    private const int GoodArticles = 12;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task IndexingAFolderWithEmptyBinaryHugeAndNonUtf8FilesIndexesTheRestAndNamesTheSkippedOnes()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var sandbox = new IndexSandbox(embeddings);
        HarbourCorpus.Write(sandbox.CorpusPath, GoodArticles);
        var bad = WriteBadFiles(sandbox.CorpusPath);

        using (var run = await QabotCli.RunAsync(sandbox.Environment(), RunTimeout, "index"))
        {
            Assert.True(run.ExitCode == 0, $"index failed ({run.ExitCode}):\n{run.StandardOutput}\n{run.StandardError}");

            output.WriteLine(run.StandardOutput);

            // Spectre wraps piped output at 80 columns (anywhere in a long path), so compare without white space.
            var printed = WithoutWhiteSpace(run.StandardOutput);
            Assert.Contains(WithoutWhiteSpace($"{GoodArticles + 1} documents: {GoodArticles + 1} embedded"), printed, StringComparison.Ordinal);
            foreach (var (path, reason) in bad)
            {
                Assert.Contains(WithoutWhiteSpace($"Skipped {path}: it {reason}"), printed, StringComparison.Ordinal);
            }

            Assert.Equal(bad.Count, CountOccurrences(printed, "Skipped/"));
            Assert.Contains(WithoutWhiteSpace($"Note: {Path.Combine(sandbox.CorpusPath, "latin1.txt")}: it is not valid UTF-8 (at byte 3), so it was read as Windows-1252"), printed, StringComparison.Ordinal);
            Assert.Contains(WithoutWhiteSpace($"Not read: 1 file of other types (QaBot:Corpus:Extensions): {Path.Combine(sandbox.CorpusPath, "logo.png")}"), printed, StringComparison.Ordinal);

            // Named once: the summary lists them, so they are not logged as warnings as well.
            foreach (var (path, _) in bad)
            {
                Assert.DoesNotContain(WithoutWhiteSpace(path), WithoutWhiteSpace(run.StandardError), StringComparison.Ordinal);
            }
        }

        var expectedIds = Enumerable.Range(0, GoodArticles).Select(HarbourCorpus.DocumentId).Append("latin1").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedIds, sandbox.ReadDocumentIds());
        Assert.Equal("ok", sandbox.IntegrityCheck());

        // The same run in process: the report lists each skipped file once, with its reason.
        await using var services = sandbox.CreateServices();
        var report = await services.GetRequiredService<ICorpusIndexer>().IndexAsync(rebuild: true);
        Assert.Equal(GoodArticles + 1, report.DocumentsSeen);
        Assert.Equal(GoodArticles + 1, report.DocumentsEmbedded);
        Assert.Equal(
            bad.OrderBy(b => b.Path, StringComparer.Ordinal).Select(b => b.Path).ToList(),
            report.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal).ToList());
        foreach (var (path, reason) in bad)
        {
            Assert.StartsWith(reason, report.Skipped.Single(s => s.Path == path).Reason, StringComparison.Ordinal);
        }

        Assert.Equal(expectedIds, sandbox.ReadDocumentIds());
    }

    /// <summary>Writes the bad files; returns each path with the start of the reason it must be skipped for.</summary>
    private static List<(string Path, string Reason)> WriteBadFiles(string corpus)
    {
        var files = new List<(string, string)>();

        var empty = Path.Combine(corpus, "empty.txt");
        File.WriteAllBytes(empty, []);
        files.Add((empty, "is empty"));

        var blank = Path.Combine(corpus, "blank.md");
        File.WriteAllText(blank, " \n\t\n   \n");
        files.Add((blank, "has no text"));

        var binary = Path.Combine(corpus, "scan.txt");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        File.WriteAllBytes(binary, bytes);
        files.Add((binary, "looks binary"));

        // Issue 12, row 11: 9 KB of good text, then binary bytes (a PNG header with its NULs).
        var lateBinary = Path.Combine(corpus, "late-binary.txt");
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Dockers unloaded grain at the north quay on Monday.\n", 180)));
        File.WriteAllBytes(lateBinary, [.. text, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, .. bytes[..512]]);
        files.Add((lateBinary, $"looks binary (NUL or control bytes from byte {text.Length + 8} on)"));

        // 50 MB of perfectly good text: too large for the default limit of 20 MB.
        var huge = Path.Combine(corpus, "huge.txt");
        using (var stream = new FileStream(huge, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var line = Encoding.UTF8.GetBytes("Markets were calm on Tuesday as traders waited for the central bank.\n");
            while (stream.Length < 50L * 1024 * 1024)
            {
                stream.Write(line);
            }
        }

        files.Add((huge, "is too large (50 MB"));

        // Latin-1 bytes (é, ã): not valid UTF-8, so read as Windows-1252 (and noted), not skipped.
        var latin1 = Path.Combine(corpus, "latin1.txt");
        File.WriteAllBytes(latin1, Encoding.Latin1.GetBytes("Café owners in São Paulo said coffee prices rose again this week.\n"));

        // A second file with an existing document id (the file name), in a sub-folder.
        var nested = Path.Combine(corpus, "zz-archive");
        Directory.CreateDirectory(nested);
        var duplicate = Path.Combine(nested, HarbourCorpus.DocumentId(0) + ".txt");
        File.WriteAllText(duplicate, HarbourCorpus.Text(1));
        files.Add((duplicate, $"has the same document id '{HarbourCorpus.DocumentId(0)}'"));

        // Not an article extension: not read, but counted and named.
        File.WriteAllBytes(Path.Combine(corpus, "logo.png"), bytes);
        return files;
    }

    private static string WithoutWhiteSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
