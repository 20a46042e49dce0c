using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering;
using QaBot.Core.Conversations;
using QaBot.Testing;
using Xunit.Abstractions;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 15, item 4: two bot processes on loopback share one PostgreSQL store (PGlite with pgvector). A
/// conversation whose turns alternate between them keeps its follow-up context and its history; while one
/// of them indexes a new edition of the corpus, the other's answers never mix two versions of a document.
/// (Web chat's live connection stays with one replica: the README says sticky routing is required, and why.)
/// </summary>
public sealed partial class ReplicaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Articles = 12;
    private readonly PostgresStorageEngine _store = new();
    private readonly TempFolder _corpus = new();

    public Task InitializeAsync() => _store.StartAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _corpus.Dispose();
    }

    [Fact]
    public async Task AConversationAlternatingBetweenReplicasKeepsItsContextAndTheIndexerNeverMixesEditions()
    {
        WriteEdition(0);
        using var first = await StartReplicaAsync("a");
        using var second = await StartReplicaAsync("b");

        // Turn 1 on replica A, the follow-up on replica B: B reads A's turn from the shared store.
        var town = HarbourCorpus.Town(3);
        var answer1 = await AskAsync(first.Client, $"How many containers did the harbour of {town} handle?", "replica-conv");
        Assert.Contains(HarbourCorpus.Containers(3).ToString(CultureInfo.InvariantCulture), answer1, StringComparison.Ordinal);
        var answer2 = await AskAsync(second.Client, "And who is its harbourmaster?", "replica-conv");
        Assert.Contains(HarbourCorpus.Harbourmaster(3), answer2, StringComparison.Ordinal);
        var answer3 = await AskAsync(first.Client, "How many containers did it handle?", "replica-conv");
        Assert.Contains(HarbourCorpus.Containers(3).ToString(CultureInfo.InvariantCulture), answer3, StringComparison.Ordinal);

        // The history holds every turn, from both replicas, in order.
        var history = _store.CreateConversationStore(new ConversationOptions());
        var turns = await history.GetRecentTurnsAsync("directline|replica-conv", 20);
        // (The stored answers are the composer's text; the replies carry the channel's citation links besides.)
        Assert.Equal(6, turns.Count);
        Assert.Equal([ConversationRole.User, ConversationRole.Assistant, ConversationRole.User, ConversationRole.Assistant, ConversationRole.User, ConversationRole.Assistant], turns.Select(t => t.Role));
        Assert.Equal(["How many containers did the harbour of " + town + " handle?", "And who is its harbourmaster?", "How many containers did it handle?"], turns.Where(t => t.Role == ConversationRole.User).Select(t => t.Text));
        Assert.Contains(HarbourCorpus.Containers(3).ToString(CultureInfo.InvariantCulture), turns[1].Text, StringComparison.Ordinal);
        Assert.Contains(HarbourCorpus.Harbourmaster(3), turns[3].Text, StringComparison.Ordinal);
        Assert.Contains(HarbourCorpus.Containers(3).ToString(CultureInfo.InvariantCulture), turns[5].Text, StringComparison.Ordinal);

        // Replica A restarts on edition 1 and indexes it while B answers about the editions.
        first.Dispose();
        WriteEdition(1);
        using var stop = new CancellationTokenSource();
        var editionsSeen = new ConcurrentBag<string>();
        var failures = new ConcurrentQueue<string>();
        var reader = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var article = n % Articles;
                var reply = await AskAsync(second.Client, $"Which edition of the report is the harbour of {HarbourCorpus.Town(article)} in?", $"edition-{n}");
                var editions = Edition().Matches(reply).Select(m => m.Value).Distinct().ToList();
                editionsSeen.Add(string.Join(',', editions));
                if (editions.Count > 1)
                {
                    failures.Enqueue(reply);
                }
            }
        });

        using var restarted = await StartReplicaAsync("a2");
        await WaitUntilAsync(async () => (await AskAsync(restarted.Client, $"Which edition of the report is the harbour of {town} in?", "probe")).Contains("edition1", StringComparison.Ordinal));
        await Task.Delay(500);
        await stop.CancelAsync();
        await reader;

        output.WriteLine($"{editionsSeen.Count} answers during the re-index; editions seen: {string.Join(" ", editionsSeen.Distinct())}");
        Assert.True(failures.IsEmpty, $"answers mixing two editions:\n{string.Join('\n', failures.Take(5))}");
        Assert.Contains(editionsSeen, e => e == "edition1");
    }

    private async Task<Replica> StartReplicaAsync(string name)
    {
        var root = QaBot.Core.Configuration.QaBotPaths.FindRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(root, "src", "QaBot.Bot", "bin", configuration, "net10.0", "QaBot.Bot.dll");
        var port = LoopbackPorts.PickFree();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root };
        foreach (var argument in (string[])[dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["QABOT_ROOT"] = root;
        start.Environment["QaBot__Corpus__Path"] = _corpus.Path;
        start.Environment["QaBot__Conversations__DatabasePath"] = Path.Combine(_corpus.Path, "..", $"unused-{name}.db");
        start.Environment["QaBot__Bot__StreamingIntervalMilliseconds"] = "0";
        // Every answer is given (decline threshold 0): the test checks which article and edition an answer
        // comes from across replicas, not when the answer model declines.
        start.Environment["QaBot__Answering__DeclineThreshold"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in _store.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = ChildProcess.Start($"bot-{name}", start);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            await process.WaitForPortAsync(port, TimeSpan.FromMinutes(2));
            await Readiness.WaitAsync(client, TimeSpan.FromMinutes(3));
        }
        catch
        {
            output.WriteLine($"bot-{name} stderr:\n{process.StandardError}\nstdout:\n{process.StandardOutput}");
            client.Dispose();
            process.Dispose();
            throw;
        }

        return new Replica(process, client);
    }

    private static async Task<string> AskAsync(HttpClient client, string question, string conversationId)
    {
        using var response = await client.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            ActivityJson.Content(ActivityJson.Message(question, conversationId: conversationId, deliveryMode: "expectReplies")));
        response.EnsureSuccessStatusCode();
        var reply = (await ActivityJson.ExpectedRepliesAsync(response)).Last(a => a!["type"]!.GetValue<string>() == "message")!;
        return reply["text"]!.GetValue<string>();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the restarted replica never answered from the new edition");
            await Task.Delay(200);
        }
    }

    /// <summary>Every article, with a last paragraph naming the edition.</summary>
    private void WriteEdition(int edition)
    {
        HarbourCorpus.Write(_corpus.Path, Articles);
        for (var i = 0; i < Articles; i++)
        {
            File.AppendAllText(
                Path.Combine(_corpus.Path, HarbourCorpus.DocumentId(i) + ".txt"),
                $"\nThe harbour of {HarbourCorpus.Town(i)} is in edition{edition} of the report.\n",
                new UTF8Encoding(false));
        }
    }

    [GeneratedRegex(@"edition\d+")]
    private static partial Regex Edition();

    private sealed class Replica(ChildProcess process, HttpClient client) : IDisposable
    {
        public HttpClient Client { get; } = client;

        public void Dispose()
        {
            Client.Dispose();
            process.Dispose();
        }
    }
}
