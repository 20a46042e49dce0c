using System.Text.Json;
using QaBot.Cli.Tests.TestHelpers;
using QaBot.Testing;
using Xunit.Abstractions;

namespace QaBot.Cli.Tests.Commands;

/// <summary>
/// Issue 14, point 3 (and issue 12, row 6), with the real CLI: each corpus has its own database (derived
/// from the corpus path when QaBot:Storage:DatabasePath is empty), <c>--corpus PATH</c> works on every
/// command, switching corpus and back re-embeds nothing, and an emptied corpus folder is refused with a
/// clear message while the index stays as it was.
/// </summary>
public sealed class CorpusOptionTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private readonly ITestOutputHelper _output;
    private readonly FakeEmbeddingsServer _embeddings = new();
    private readonly IndexSandbox _sandbox;
    private readonly string _harbours;
    private readonly string _wire;

    public CorpusOptionTests(ITestOutputHelper output)
    {
        _output = output;
        _sandbox = new IndexSandbox(_embeddings);
        _sandbox.Settings.Remove("QaBot:Storage:DatabasePath"); // one database per corpus
        _harbours = _sandbox.CorpusPath;
        HarbourCorpus.Write(_harbours, 6);
        _wire = Path.Combine(_sandbox.RootPath, "wire feeds", "2025");
        Directory.CreateDirectory(_wire);
        File.WriteAllLines(Path.Combine(_wire, "wire.jsonl"), Enumerable.Range(0, 4).Select(i =>
            $$"""{"id": "w{{i}}", "title": "Grain barge docks at {{Port(i)}}", "body": "The grain barge unloaded {{100 + i}} tonnes of wheat at {{Port(i)}} on Tuesday.", "date": "2025-07-0{{i + 1}}"}"""));
    }

    public void Dispose()
    {
        _sandbox.Dispose();
        _embeddings.Dispose();
    }

    [Fact]
    public async Task SwitchingCorpusAndBackKeepsBothIndexesAndReembedsNothing()
    {
        Assert.Contains("6 documents: 6 embedded", await IndexAsync("--corpus", _harbours), StringComparison.Ordinal);
        Assert.Contains("4 documents: 4 embedded", await IndexAsync("--corpus", _wire), StringComparison.Ordinal);
        Assert.Contains("6 documents: 0 embedded, 6 unchanged, 0 deleted", await IndexAsync($"--corpus={_harbours}"), StringComparison.Ordinal);
        Assert.Contains("4 documents: 0 embedded, 4 unchanged, 0 deleted", await IndexAsync("--corpus", _wire), StringComparison.Ordinal);

        var databases = Directory.GetFiles(Path.Combine(_sandbox.RootPath, "data", "corpora"), "*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, databases.Count);
        Assert.Matches("^2025-[0-9a-f]{8}\\.db$", databases[0]);
        Assert.Matches("^corpus-[0-9a-f]{8}\\.db$", databases[1]);

        // ask takes --corpus too (before or after the question) and answers from that corpus's index.
        using var ask = await RunAsync("ask", $"How many tonnes of wheat did the grain barge unload at {Port(2)}?", "--json", "--corpus", _wire);
        Assert.True(ask.ExitCode == 0, ask.StandardError);
        using var json = JsonDocument.Parse(ask.StandardOutput);
        Assert.Contains("102 tonnes", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("w2", json.RootElement.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task AnEmptiedCorpusFolderIsRefusedWithAClearMessageAndTheIndexKept()
    {
        await IndexAsync("--corpus", _harbours);
        foreach (var file in Directory.GetFiles(_harbours))
        {
            File.Delete(file);
        }

        using (var refused = await RunAsync("index", "--corpus", _harbours))
        {
            Assert.Equal(2, refused.ExitCode);
            var message = Flat(refused.StandardError);
            Assert.Contains("holds no readable article (0 files), but the index holds 6 documents from it", message, StringComparison.Ordinal);
            Assert.Contains("run `qabot index --rebuild` to empty the index", message, StringComparison.Ordinal);
        }

        // ask warns and answers from the index as it was.
        using (var ask = await RunAsync("ask", $"How many containers did the harbour of {HarbourCorpus.Town(3)} handle?", "--json", "--corpus", _harbours))
        {
            Assert.True(ask.ExitCode == 0, ask.StandardError);
            Assert.Contains("Answering from the existing index", Flat(ask.StandardError), StringComparison.Ordinal);
            using var json = JsonDocument.Parse(ask.StandardOutput);
            Assert.Equal(HarbourCorpus.DocumentId(3), json.RootElement.GetProperty("citations")[0].GetProperty("documentId").GetString());
        }

        Assert.Contains("0 documents: 0 embedded", await IndexAsync("--rebuild", "--corpus", _harbours), StringComparison.Ordinal);
    }

    private static string Port(int i) => HarbourCorpus.Town(500 + i);

    private async Task<string> IndexAsync(params string[] arguments)
    {
        using var run = await RunAsync(["index", .. arguments]);
        Assert.True(run.ExitCode is 0 or 1, $"index failed ({run.ExitCode}):\n{run.StandardOutput}\n{run.StandardError}");
        return Flat(run.StandardOutput);
    }

    private async Task<ChildProcess> RunAsync(params string[] arguments)
    {
        var run = await QabotCli.RunAsync(_sandbox.Environment(), RunTimeout, arguments);
        _output.WriteLine($"$ qabot {string.Join(' ', arguments)} → {run.ExitCode}\n{run.StandardOutput}\n{run.StandardError}");
        return run;
    }

    /// <summary>The text with line breaks (Spectre wraps piped output) made spaces and runs of spaces made one.</summary>
    private static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
