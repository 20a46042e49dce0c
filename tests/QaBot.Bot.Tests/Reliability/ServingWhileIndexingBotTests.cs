using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Indexing;
using QaBot.Testing;
using Xunit.Abstractions;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 7, point 5, end to end: the bot (real services) keeps answering on /api/messages while the
/// corpus is re-indexed again and again in the same process and database (WAL): no failed request,
/// every answer right. (Snapshot consistency itself is checked in QaBot.Core.Tests' ServingWhileIndexingTests.)
/// </summary>
public sealed class ServingWhileIndexingBotTests(ITestOutputHelper output)
{
    private const int Articles = 24;
    private const int Clients = 4;
    private const int MinRounds = 6;
    private const int MaxRounds = 40;
    private static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task TheBotAnswersEveryQuestionRightWhileTheCorpusIsReindexed()
    {
        using var corpus = new TempFolder();
        WriteEdition(corpus.Path, 0);
        await using var factory = new BotHostFactory(
            // Every answer is given (decline threshold 0): what is checked is which article answers while the
            // corpus is re-indexed, not when the answer model declines.
            new Dictionary<string, string?> { ["QaBot:Corpus:Path"] = corpus.Path, ["QaBot:Embeddings:BatchSize"] = "4", ["QaBot:Answering:DeclineThreshold"] = "0" },
            realServices: true);
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(2));
        var indexer = factory.Services.GetRequiredService<ICorpusIndexer>();

        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var answers = 0;
        var readers = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var article = ((n * Clients) + c) % Articles;
                var question = $"How many containers did the harbour of {HarbourCorpus.Town(article)} handle?";
                try
                {
                    using var response = await client.PostAsync(
                        new Uri("/api/messages", UriKind.Relative),
                        ActivityJson.Content(ActivityJson.Message(question, conversationId: $"reindex-{c}-{n}", deliveryMode: "expectReplies")));
                    var reply = (await ActivityJson.ExpectedRepliesAsync(response)).Last(a => a!["type"]!.GetValue<string>() == "message")!;
                    var text = reply["text"]!.GetValue<string>();
                    if (!text.Contains(HarbourCorpus.Containers(article).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                    {
                        failures.Enqueue($"{question} → {text}");
                    }

                    Interlocked.Increment(ref answers);
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"{question}: {ex.GetType().Name} {ex.Message}");
                }
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        var reindexed = 0;
        var rounds = 0;
        for (var edition = 1; edition <= MaxRounds && (edition <= MinRounds || clock.Elapsed < MinDuration); edition++)
        {
            rounds++;
            WriteEdition(corpus.Path, edition);
            var report = await indexer.IndexAsync();
            reindexed += report.DocumentsEmbedded;
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        output.WriteLine($"{rounds} re-index rounds ({reindexed} documents) in {clock.Elapsed.TotalSeconds:0.0} s while {Clients} clients got {answers} answers");

        Assert.True(failures.IsEmpty, $"{failures.Count} failures, e.g.:\n{string.Join('\n', failures.Take(10))}");
        Assert.Equal(rounds * Articles, reindexed);
        Assert.True(answers >= Clients, $"only {answers} answers during the re-index");
    }

    /// <summary>Every article in the given edition: same facts, a different last paragraph.</summary>
    private static void WriteEdition(string folder, int edition)
    {
        HarbourCorpus.Write(folder, Articles);
        for (var i = 0; i < Articles; i++)
        {
            File.AppendAllText(
                Path.Combine(folder, HarbourCorpus.DocumentId(i) + ".txt"),
                $"\nThis is edition{edition} of the report, revised {edition} times.\n",
                new UTF8Encoding(false));
        }
    }
}
