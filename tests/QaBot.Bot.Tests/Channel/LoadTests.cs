using System.Diagnostics;
using System.Globalization;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.Channel;

/// <summary>
/// Issue 7 point 6, bounded: 16 clients over real loopback sockets for QABOT_SOAK_SECONDS (default 10 s; set 60
/// for the full soak) — no failed request, every answer in its own conversation, and managed memory stable.
/// Runs alone (no other test allocating in the process while memory is measured).
/// </summary>
[Collection(LoadTestCollection.Name)]
public sealed class LoadTests
{
    [Fact]
    public async Task SixteenClientsOverLoopbackGetEveryAnswerRightWithStableMemory()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("QABOT_SOAK_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 10;
        await using var factory = new BotHostFactory(kestrel: true);
        factory.Answering.AnswerFor = question => FakeAnsweringService.SampleAnswer(question, $"Answer to {question} [1].");
        factory.StartServer();
        using var client = new HttpClient { BaseAddress = factory.ServerAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var requests = 0;
        long memoryAfterWarmUp = 0;
        var clock = Stopwatch.StartNew();
        var warmUp = TimeSpan.FromSeconds(Math.Min(2, seconds / 3.0));
        var duration = TimeSpan.FromSeconds(seconds);

        var workers = Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
        {
            for (var t = 0; clock.Elapsed < duration; t++)
            {
                var conversation = $"soak-{c}-{t / 10}";
                var question = $"client {c} turn {t}";
                try
                {
                    using var response = await client.PostAsync("api/messages", ActivityJson.Content(ActivityJson.Message(question, conversationId: conversation, deliveryMode: "expectReplies")));
                    var reply = (await ActivityJson.ExpectedRepliesAsync(response)).Last()!;
                    if (!reply["text"]!.GetValue<string>().StartsWith($"Answer to {question} [1]", StringComparison.Ordinal))
                    {
                        failures.Enqueue($"{question}: wrong answer {reply["text"]}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    failures.Enqueue($"{question}: {ex.Message}");
                }

                Interlocked.Increment(ref requests);
                if (memoryAfterWarmUp == 0 && clock.Elapsed > warmUp && c == 0)
                {
                    memoryAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        var memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Empty(failures);
        Assert.True(requests > 16, $"only {requests} requests in {seconds} s");
        Assert.True(memoryAtEnd - memoryAfterWarmUp < 64L * 1024 * 1024, $"managed memory grew by {(memoryAtEnd - memoryAfterWarmUp) / 1024 / 1024} MB over {requests} requests");
        foreach (var (question, history) in factory.Answering.Calls)
        {
            var clientNumber = question.Split(' ')[1];
            Assert.All(history, turn => Assert.Contains($"client {clientNumber} ", turn.Text, StringComparison.Ordinal));
        }
    }
}
