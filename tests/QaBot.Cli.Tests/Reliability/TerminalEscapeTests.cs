using System.Text;
using QaBot.Cli.Tests.TestHelpers;
using QaBot.Testing;
using Xunit.Abstractions;

namespace QaBot.Cli.Tests.Reliability;

/// <summary>
/// Issue 12, row 10, through the real CLI: an article whose title and text carry terminal escape sequences
/// (set the window title, clear the screen, colour, an 8-bit CSI, a bell) and a corpus file whose name
/// carries one reach the terminal only as plain text — `qabot index` and `qabot ask` print no escape,
/// control or format character from the corpus. (The test's output is plain, so every escape printed would
/// have come from the articles.)
/// </summary>
public sealed class TerminalEscapeTests(ITestOutputHelper output)
{
    private const string WindowTitle = "\u001b]0;pwned\u0007";
    private const string ClearScreen = "\u001b[2J\u001b[H";

    [Fact]
    public async Task EscapeSequencesFromArticlesAndFileNamesNeverReachTheTerminal()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var sandbox = new IndexSandbox(embeddings);
        HarbourCorpus.Write(sandbox.CorpusPath, 3);
        File.WriteAllText(
            Path.Combine(sandbox.CorpusPath, "hostile.txt"),
            $"Zorbavik{WindowTitle} harbour report{ClearScreen}\n\nThe harbour of Zorbavik handled 4321 containers last week \u001b[31mred\u001b[0m\u009b2J, officials said\u0007.\u200b\n\nLast Updated : Jul 02 2025 | 6:50 AM IST\n",
            new UTF8Encoding(false));
        File.WriteAllBytes(Path.Combine(sandbox.CorpusPath, $"empty{WindowTitle}.txt"), []);

        using (var index = await QabotCli.RunAsync(sandbox.Environment(), TimeSpan.FromSeconds(120), "index"))
        {
            Assert.True(index.ExitCode == 0, $"index failed ({index.ExitCode}):\n{index.StandardOutput}\n{index.StandardError}");
            Assert.Contains("Skipped", index.StandardOutput, StringComparison.Ordinal);
            AssertPlain("index", index.StandardOutput + index.StandardError);
        }

        using var ask = await QabotCli.RunAsync(sandbox.Environment(), TimeSpan.FromSeconds(120), "ask", "How many containers did the harbour of Zorbavik handle last week?");
        output.WriteLine(ask.StandardOutput);
        Assert.True(ask.ExitCode == 0, $"ask failed ({ask.ExitCode}):\n{ask.StandardOutput}\n{ask.StandardError}");
        Assert.Contains("4321", ask.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Zorbavik harbour report", ask.StandardOutput, StringComparison.Ordinal);
        AssertPlain("ask", ask.StandardOutput + ask.StandardError);
    }

    private static void AssertPlain(string command, string printed)
    {
        var bad = printed.Where(c => c is not ('\n' or '\r' or '\t') && (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)).ToList();
        Assert.True(bad.Count == 0, $"{command} printed {bad.Count} control or format characters: {string.Join(' ', bad.Select(c => $"U+{(int)c:X4}"))}\n{printed}");
        Assert.DoesNotContain("]0;pwned", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("[2J", printed, StringComparison.Ordinal);
    }
}
