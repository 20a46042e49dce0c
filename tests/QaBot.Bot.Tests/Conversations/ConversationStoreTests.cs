using QaBot.Core.Answering;
using QaBot.Core.Conversations;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// The conversation store on every engine: its own SQLite file, or the PostgreSQL database the index is in
/// (where a second store, as in another bot replica, sees the same conversations).
/// </summary>
public abstract class ConversationStoreTests(StorageEngine engine) : IAsyncLifetime
{
    public Task InitializeAsync() => engine.StartAsync();

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task HistoryIsKeptPerConversationAcrossARestart()
    {
        await Store().AppendTurnsAsync("webchat|a", [new(ConversationRole.User, "Who did Jaishankar meet?"), new(ConversationRole.Assistant, "Hegseth [1].")]);
        await Store().AppendTurnsAsync("webchat|b", [new(ConversationRole.User, "Other")]);

        var restarted = Store();
        var a = await restarted.GetRecentTurnsAsync("webchat|a", 10);
        var b = await restarted.GetRecentTurnsAsync("webchat|b", 10);

        Assert.Equal(["Who did Jaishankar meet?", "Hegseth [1]."], a.Select(t => t.Text));
        Assert.Equal([ConversationRole.User, ConversationRole.Assistant], a.Select(t => t.Role));
        Assert.Equal(["Other"], b.Select(t => t.Text));
        Assert.Empty(await restarted.GetRecentTurnsAsync("webchat|none", 10));
    }

    [Fact]
    public async Task HistoryIsBoundedToTheNewestTurns()
    {
        var store = Store(maxTurns: 4);
        for (var i = 1; i <= 5; i++)
        {
            await store.AppendTurnsAsync("k", [new(ConversationRole.User, $"q{i}"), new(ConversationRole.Assistant, $"a{i}")]);
        }

        Assert.Equal(["q4", "a4", "q5", "a5"], (await store.GetRecentTurnsAsync("k", 100)).Select(t => t.Text));
        Assert.Equal(["q5", "a5"], (await store.GetRecentTurnsAsync("k", 2)).Select(t => t.Text));
    }

    [Fact]
    public async Task ConcurrentConversationsNeverMix()
    {
        var store = Store(maxTurns: 1000);
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (c, ct) =>
        {
            for (var i = 0; i < 10; i++)
            {
                await store.AppendTurnsAsync($"conv-{c}", [new(ConversationRole.User, $"conv-{c} q{i}")], ct);
            }
        });

        for (var c = 0; c < 16; c++)
        {
            var turns = await store.GetRecentTurnsAsync($"conv-{c}", 100);
            Assert.Equal(10, turns.Count);
            Assert.All(turns, t => Assert.StartsWith($"conv-{c} ", t.Text, StringComparison.Ordinal));
        }
    }

    private IConversationStore Store(int maxTurns = 20) =>
        engine.CreateConversationStore(new ConversationOptions { DatabasePath = "conversations.db", MaxTurnsPerConversation = maxTurns });
}

public sealed class SqliteConversationStoreTests() : ConversationStoreTests(new SqliteStorageEngine());

public sealed class PostgresConversationStoreTests() : ConversationStoreTests(new PostgresStorageEngine());
