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
        File.WriteAllText(Path.Combine(folder, "ignored.csv"), "a,b");
        File.WriteAllBytes(Path.Combine(folder, "empty.txt"), []);
        File.WriteAllText(Path.Combine(folder, "blank.txt"), "  \n \n");
        File.WriteAllBytes(Path.Combine(folder, "binary.txt"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);
        File.WriteAllBytes(Path.Combine(folder, "latin1.txt"), Encoding.Latin1.GetBytes("Caf\u00e9 society. Fine."));
        File.WriteAllText(Path.Combine(folder, "huge.txt"), new string('a', 2048));

        var loader = new CorpusLoader(Options.Create(new CorpusOptions { MaxFileBytes = 1024 }), NullLogger<CorpusLoader>.Instance);
        var result = await loader.LoadAsync(folder);

        Assert.Equal(["good", "notes"], result.Documents.Select(d => d.Id));
        var reasons = result.Skipped.ToDictionary(s => Path.GetFileName(s.Path), s => s.Reason);
        Assert.Equal(5, reasons.Count);
        Assert.Contains("empty", reasons["empty.txt"]);
        Assert.Contains("no text", reasons["blank.txt"]);
        Assert.Contains("binary", reasons["binary.txt"]);
        Assert.Contains("UTF-8", reasons["latin1.txt"]);
        Assert.Contains("too large", reasons["huge.txt"]);
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
    public async Task AMissingFolderIsAClearError()
    {
        var loader = new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);

        var ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => loader.LoadAsync(Path.Combine(folder, "nope")));
        Assert.Contains("QaBot:Corpus:Path", ex.Message);
    }
}
