using System.Net;
using QaBot.Bot.Tests.TestHelpers;

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
    public async Task AnUpToDateIndexIsNotRebuilt()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();

        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(10));

        Assert.Equal(0, factory.Indexer.IndexRuns);
    }
}
