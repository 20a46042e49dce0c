using System.Diagnostics;
using QaBot.Testing;
using Xunit.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Tests.TestHelpers;
using QaBot.Core.Answering;

namespace QaBot.Cli.Tests.Reliability;

/// <summary>
/// Issue 7, point 4: the real <c>qabot index</c> killed (SIGKILL) in the middle of a run leaves a
/// database that opens and answers from what was indexed, and the next run completes it to exactly
/// the chunks of a clean index.
/// </summary>
public sealed class IndexerCrashTests(ITestOutputHelper output)
{
    private const int Articles = 300;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <param name="rebuild">
    /// False: the first index of a new database is killed. True: <c>index --rebuild</c> over a complete
    /// index is killed after it dropped everything and stored a fifth again.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnIndexerKilledMidRunLeavesADatabaseThatAnswersAndARerunEndsWithTheChunksOfACleanIndex(bool rebuild)
    {
        using var embeddings = new FakeEmbeddingsServer();

        // The reference: a clean, uninterrupted index of the same corpus.
        using var clean = new IndexSandbox(embeddings, batchSize: 6);
        HarbourCorpus.Write(clean.CorpusPath, Articles);
        using (var run = await QabotCli.RunAsync(clean.Environment(), RunTimeout, "index"))
        {
            output.WriteLine(run.StandardOutput);
            Assert.True(run.ExitCode == 0, $"clean index failed ({run.ExitCode}):\n{run.StandardOutput}\n{run.StandardError}");
        }

        var expectedChunks = clean.ReadChunks();
        Assert.Equal(Articles, clean.ReadDocumentIds().Count);

        // The crash: slow embeddings (one round trip per batch of 6 chunks), killed once a fifth is stored.
        using var crashed = new IndexSandbox(embeddings, batchSize: 6);
        HarbourCorpus.Write(crashed.CorpusPath, Articles);
        if (rebuild)
        {
            using var first = await QabotCli.RunAsync(crashed.Environment(), RunTimeout, "index");
            Assert.True(first.ExitCode == 0, $"first index failed ({first.ExitCode}):\n{first.StandardOutput}\n{first.StandardError}");
            Assert.Equal(Articles, crashed.CountDocuments());
        }

        embeddings.DelayPerRequest = TimeSpan.FromMilliseconds(40);
        long indexedAtKill;
        using (var child = QabotCli.Start(crashed.Environment(), rebuild ? ["index", "--rebuild"] : ["index"]))
        {
            var deadline = Stopwatch.StartNew();
            for (var count = crashed.CountDocuments(); count < Articles / 5 || count == Articles; count = crashed.CountDocuments())
            {
                if (child.HasExited)
                {
                    Assert.Fail($"the indexer finished before it could be killed ({child.ExitCode}):\n{child.StandardOutput}\n{child.StandardError}");
                }

                Assert.True(deadline.Elapsed < RunTimeout, "the indexer stored too few documents to be killed half way");
                await Task.Delay(15);
            }

            child.Kill();
            indexedAtKill = crashed.CountDocuments();
        }

        embeddings.DelayPerRequest = TimeSpan.Zero;
        output.WriteLine($"killed {(rebuild ? "index --rebuild" : "index")} after {indexedAtKill} of {Articles} documents");
        Assert.InRange(indexedAtKill, Articles / 5, Articles - 1);

        // The database opens, is sound, and holds whole documents only: each indexed document has
        // exactly its clean chunks, and no chunk belongs to a document the catalog does not list.
        Assert.Equal("ok", crashed.IntegrityCheck());
        var indexedIds = crashed.ReadDocumentIds();
        Assert.Equal(indexedAtKill, indexedIds.Count);
        var indexedSet = indexedIds.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(
            expectedChunks.Where(c => indexedSet.Contains(c.DocumentId)).ToList(),
            crashed.ReadChunks());

        // It answers from the documents already indexed.
        var indexed = Enumerable.Range(0, Articles).First(i => indexedSet.Contains(HarbourCorpus.DocumentId(i)));
        var missing = Enumerable.Range(0, Articles).First(i => !indexedSet.Contains(HarbourCorpus.DocumentId(i)));
        await using (var services = crashed.CreateServices())
        {
            var answering = services.GetRequiredService<IAnsweringService>();
            var answer = await answering.AskAsync($"How many containers did the harbour of {HarbourCorpus.Town(indexed)} handle?", []);
            Assert.False(answer.Declined, answer.Text);
            Assert.Contains(answer.Citations, c => c.DocumentId == HarbourCorpus.DocumentId(indexed));
            Assert.Contains(HarbourCorpus.Containers(indexed).ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Text, StringComparison.Ordinal);

            var notYet = await answering.AskAsync($"How many containers did the harbour of {HarbourCorpus.Town(missing)} handle?", []);
            Assert.DoesNotContain(notYet.Retrieved, r => r.Chunk.DocumentId == HarbourCorpus.DocumentId(missing));
        }

        // The re-run embeds only what is missing and ends with exactly the clean chunk set.
        using (var rerun = await QabotCli.RunAsync(crashed.Environment(), RunTimeout, "index"))
        {
            Assert.True(rerun.ExitCode == 0, $"re-run failed ({rerun.ExitCode}):\n{rerun.StandardOutput}\n{rerun.StandardError}");
            output.WriteLine(rerun.StandardOutput);
            Assert.Contains($"{Articles} documents: {Articles - indexedAtKill} embedded, {indexedAtKill} unchanged", rerun.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Equal("ok", crashed.IntegrityCheck());
        Assert.Equal(expectedChunks, crashed.ReadChunks());
        Assert.Equal(clean.ReadDocumentIds(), crashed.ReadDocumentIds());
        Assert.Empty(embeddings.Errors);
    }
}
