using QaBot.Cli.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Commands;

/// <summary>
/// Issue 13 point 8: the real CLI with its output piped — <c>index</c> says what it is doing in plain lines
/// (no progress-bar fragments), an unchanged re-index reports no embedding time, and <c>ask</c> is not
/// hard-wrapped at 80 columns.
/// </summary>
public sealed class PipedOutputTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task PipedIndexAndAskPrintPlainUnwrappedLinesAndAnUnchangedReindexReportsNoEmbedTime()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var sandbox = new IndexSandbox(embeddings);
        HarbourCorpus.Write(sandbox.CorpusPath, 20);
        var environment = new Dictionary<string, string>(sandbox.Environment()) { ["COLUMNS"] = "80" };

        using (var first = await QabotCli.RunAsync(environment, RunTimeout, "index"))
        {
            Assert.True(first.ExitCode == 0, first.StandardError);
            var lines = first.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal("Indexing 20 documents…", lines[0]);
            Assert.Contains("20/20 documents (100%)", lines);
            Assert.Contains(lines, l => l.StartsWith("20 documents: 20 embedded", StringComparison.Ordinal) && l.Contains("embed ", StringComparison.Ordinal));
            Assert.DoesNotContain("Indexing:", first.StandardOutput, StringComparison.Ordinal);
        }

        using (var again = await QabotCli.RunAsync(environment, RunTimeout, "index"))
        {
            Assert.True(again.ExitCode == 0, again.StandardError);
            Assert.Contains("20 documents: 0 embedded, 20 unchanged", again.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("nothing changed", again.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("embed ", again.StandardOutput, StringComparison.Ordinal);
        }

        using var ask = await QabotCli.RunAsync(environment, RunTimeout, "ask", $"Who is the harbourmaster of {HarbourCorpus.Town(3)}?");
        Assert.True(ask.ExitCode == 0, ask.StandardError);
        var longest = ask.StandardOutput.Split('\n').Max(l => l.Length);
        Assert.True(longest > 80, $"the longest line has {longest} characters:\n{ask.StandardOutput}");
    }
}
