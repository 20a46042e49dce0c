using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.Ingestion;

public sealed class CorpusLoaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qabot-corpus-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task LoadsGoodFilesAndNamesEveryBrokenOne()
    {
        File.WriteAllText(Path.Combine(folder, "good.txt"), "Headline of a story\n\nThe story. It goes on.");
        File.WriteAllText(Path.Combine(folder, "notes.md"), "Markdown is loaded too. Yes.");
        File.WriteAllText(Path.Combine(folder, "columns.csv"), "a,b\n1,2\n");
        File.WriteAllBytes(Path.Combine(folder, "photo.png"), [0x89, 0x50, 0x4E, 0x47]);
        File.WriteAllBytes(Path.Combine(folder, "empty.txt"), []);
        File.WriteAllText(Path.Combine(folder, "blank.txt"), "  \n \n");
        File.WriteAllBytes(Path.Combine(folder, "binary.txt"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);
        File.WriteAllBytes(Path.Combine(folder, "latin1.txt"), Encoding.Latin1.GetBytes("Caf\u00e9 society. Fine."));
        File.WriteAllText(Path.Combine(folder, "huge.txt"), new string('a', 2048));

        var loader = new CorpusLoader(Options.Create(new CorpusOptions { MaxFileBytes = 1024 }), NullLogger<CorpusLoader>.Instance);
        var result = await loader.LoadAsync(folder);

        Assert.Equal(["good", "latin1", "notes"], result.Documents.Select(d => d.Id));
        Assert.Equal("Caf\u00e9 society. Fine.", result.Documents[1].Text);
        var reasons = result.Skipped.ToDictionary(s => Path.GetFileName(s.Path), s => s.Reason);
        Assert.Equal(5, reasons.Count);
        Assert.Contains("empty", reasons["empty.txt"]);
        Assert.Contains("no text", reasons["blank.txt"]);
        Assert.Contains("binary", reasons["binary.txt"]);
        Assert.Contains("no body or text column", reasons["columns.csv"]);
        Assert.Contains("too large", reasons["huge.txt"]);
        var note = Assert.Single(result.Notes);
        Assert.Equal(("latin1.txt", true), (Path.GetFileName(note.Path), note.Note.Contains("Windows-1252", StringComparison.Ordinal)));
        Assert.Equal([Path.Combine(folder, "photo.png")], result.OtherFiles);
    }

    [Fact]
    public async Task NormalisesLineEndingsStripsTheBomAndHashesTheBytes()
    {
        File.WriteAllText(Path.Combine(folder, "crlf.txt"), "\uFEFFTitle line here\r\n\r\nBody. More body.", new UTF8Encoding(true));

        var loader = new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);
        var document = Assert.Single((await loader.LoadAsync(folder)).Documents);

        Assert.Equal("Title line here\n\nBody. More body.", document.Text);
        Assert.Equal("Title line here", document.Title);
        Assert.Equal(64, document.ContentHash.Length);
    }

    [Fact]
    public async Task ListsFilesWithTheirKindsAndStampsWithoutReadingThemAndDistrustsFreshOnes()
    {
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        Directory.CreateDirectory(Path.Combine(folder, ".git"));
        File.WriteAllText(Path.Combine(folder, "b.txt"), "Older story. It is settled.");
        File.WriteAllText(Path.Combine(folder, "sub", "a.md"), "A fresh story. Just written.");
        File.WriteAllText(Path.Combine(folder, "dump.jsonl"), "{\"text\": \"A record.\"}");
        File.WriteAllText(Path.Combine(folder, "report.docx"), "not read");
        File.WriteAllText(Path.Combine(folder, ".hidden.txt"), "A hidden file. Not a corpus file.");
        File.WriteAllText(Path.Combine(folder, ".git", "HEAD.txt"), "Inside a hidden folder.");
        var old = DateTime.UtcNow.AddMinutes(-5);
        File.SetLastWriteTimeUtc(Path.Combine(folder, "b.txt"), old);
        File.SetLastWriteTimeUtc(Path.Combine(folder, "dump.jsonl"), old);

        var loader = new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);
        var files = await loader.ListAsync(folder);

        Assert.Equal(
            [Path.Combine(folder, "b.txt"), Path.Combine(folder, "dump.jsonl"), Path.Combine(folder, "report.docx"), Path.Combine(folder, "sub", "a.md")],
            files.Select(f => f.Path));
        Assert.Equal(["b", "dump", "report", "a"], files.Select(f => f.Id));
        Assert.Equal([CorpusFileKind.Document, CorpusFileKind.Archive, CorpusFileKind.Other, CorpusFileKind.Document], files.Select(f => f.Kind));
        Assert.Equal(new FileStamp(27, old.Ticks), files[0].Stamp);
        Assert.Null(files[1].Stamp); // an archive's records are compared on every run
        Assert.Null(files[3].Stamp); // too fresh to trust

        var loaded = await loader.LoadFilesAsync([files[0]]);
        Assert.Equal(new FileStamp(27, old.Ticks), Assert.Single(loaded.Documents).Stamp);
    }

    [Fact]
    public async Task AFileWithAnotherFilesIdIsSkippedUnlessTheFirstCannotBeLoaded()
    {
        Directory.CreateDirectory(Path.Combine(folder, "a"));
        Directory.CreateDirectory(Path.Combine(folder, "b"));
        Directory.CreateDirectory(Path.Combine(folder, "c"));
        File.WriteAllBytes(Path.Combine(folder, "a", "story.txt"), []);
        File.WriteAllText(Path.Combine(folder, "b", "story.txt"), "The second copy. It loads.");
        File.WriteAllText(Path.Combine(folder, "c", "story.md"), "The third copy. A duplicate.");

        var loader = new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);
        var result = await loader.LoadAsync(folder);

        Assert.Equal(Path.Combine(folder, "b", "story.txt"), Assert.Single(result.Documents).SourcePath);
        Assert.Equal([Path.Combine(folder, "a", "story.txt"), Path.Combine(folder, "c", "story.md")], result.Skipped.Select(s => s.Path));
        Assert.Contains("same document id 'story'", result.Skipped[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFolderIsAClearError()
    {
        var loader = new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);

        var ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => loader.LoadAsync(Path.Combine(folder, "nope")));
        Assert.Contains("QaBot:Corpus:Path", ex.Message);
    }
}
