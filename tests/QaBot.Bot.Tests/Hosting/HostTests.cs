using System.Net;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Hosting;

public sealed class HostTests
{
    [Fact]
    public async Task TheBotIndexesAStaleCorpusAtStartAndIsReadyOnlyAfterwards()
    {
        await using var factory = new BotHostFactory { Indexer = new FakeCorpusIndexer(stale: true) };
        using var client = factory.CreateClient();

        using (var health = await client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using (var notReady = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        }

        using (var early = await client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message("Who?", deliveryMode: "expectReplies"))))
        {
            var reply = (await ActivityJson.ExpectedRepliesAsync(early)).Single()!;
            Assert.Contains("still reading", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        factory.Indexer.Release();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(10));
        Assert.Equal(1, factory.Indexer.IndexRuns);
    }

    [Fact]
    public async Task AnIndexBuiltByAnotherEmbeddingModelIsRebuiltAtStart()
    {
        var indexer = new FakeCorpusIndexer(stale: true) { BuiltByAnotherModel = true };
        indexer.Release();
        await using var factory = new BotHostFactory { Indexer = indexer };
        using var client = factory.CreateClient();

        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(10));

        Assert.Equal([false, true], indexer.RebuildFlags);
    }

    [Fact]
    public async Task AFollowUpAfterARestartStillSeesTheEarlierTurns()
    {
        using var temp = new TempFolder();
        var settings = new Dictionary<string, string?> { ["QaBot:Conversations:DatabasePath"] = temp.File("conversations.db") };
        await using (var before = new BotHostFactory(settings))
        {
            using var client = before.CreateClient();
            await Readiness.WaitAsync(client, TimeSpan.FromSeconds(10));
            using var response = await client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message("Who did Jaishankar meet at the Pentagon?", conversationId: "restart", deliveryMode: "expectReplies")));
            response.EnsureSuccessStatusCode();
        }

        await using var after = new BotHostFactory(settings);
        using var restarted = after.CreateClient();
        await Readiness.WaitAsync(restarted, TimeSpan.FromSeconds(10));
        using var followUp = await restarted.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message("What did they discuss?", conversationId: "restart", deliveryMode: "expectReplies")));
        followUp.EnsureSuccessStatusCode();

        var (_, history) = Assert.Single(after.Answering.Calls);
        Assert.Equal(["Who did Jaishankar meet at the Pentagon?"], history.Where(t => t.Role == QaBot.Core.Answering.ConversationRole.User).Select(t => t.Text));
        Assert.Contains("Hegseth", history[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedIndexRunLeavesTheBotAliveButNotReady()
    {
        await using var factory = new BotHostFactory { Indexer = new FakeCorpusIndexer(stale: true) { Fails = true } };
        using var client = factory.CreateClient();

        var status = string.Empty;
        for (var i = 0; i < 100 && status != "Unhealthy"; i++)
        {
            using var ready = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            status = await ready.Content.ReadAsStringAsync();
            await Task.Delay(50);
        }

        using var health = await client.GetAsync("/healthz");
        Assert.Equal("Unhealthy", status);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AnUpToDateIndexIsNotRebuilt()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();

        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(10));

        Assert.Equal(0, factory.Indexer.IndexRuns);
    }
}
