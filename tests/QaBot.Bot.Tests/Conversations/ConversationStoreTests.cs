using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering;
using QaBot.Core.Conversations;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// The conversation store on every engine — history, answers and their feedback: its own SQLite file, or the
/// PostgreSQL database the index is in (where a second store, as in another bot replica, sees the same
/// conversations and feedback). Each engine's schema versions are tested beside it.
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

    [Fact]
    public async Task FeedbackIsStoredWithTheQuestionAnswerCitationsComposerAndConfidenceAndSurvivesARestart()
    {
        var answer = FakeAnsweringService.SampleAnswer("What did he hope to complete?") with { Confidence = 0.7, Partial = true };
        await Store().RecordAnswerAsync(AnswerRecord.From("a1", "webchat|c", "reply-7", answer, ["Who did Jaishankar meet?"], DateTimeOffset.UtcNow, "stream-3"));

        var saved = await Store().SaveFeedbackAsync("webchat|c", "reply-7", FeedbackReaction.Dislike, "Wrong person.");

        Assert.NotNull(saved);
        var stored = Assert.Single(await Store().GetFeedbackAsync());
        Assert.Equal(FeedbackReaction.Dislike, stored.Reaction);
        Assert.Equal("Wrong person.", stored.Comment);
        Assert.Equal("What did he hope to complete?", stored.Answer.Question);
        Assert.Equal(["Who did Jaishankar meet?"], stored.Answer.Context);
        Assert.Equal(answer.Text, stored.Answer.AnswerText);
        Assert.Equal([1, 2], stored.Answer.Citations.Select(c => c.N));
        Assert.Equal(answer.Citations.Select(c => c.DocumentId), stored.Answer.Citations.Select(c => c.DocumentId));
        Assert.Equal("fake", stored.Answer.Composer);
        Assert.Equal(0.7, stored.Answer.Confidence);
        Assert.True(stored.Answer.Partial);
        Assert.Equal("stream-3", stored.Answer.StreamId);
        Assert.Equal("reply-7", stored.Answer.ReplyId);
    }

    [Fact]
    public async Task AnAnswerIsFoundByItsAnswerIdReplyIdOrStreamIdOnlyInItsOwnConversation()
    {
        var store = Store();
        await store.RecordAnswerAsync(AnswerRecord.From("a1", "msteams|c", "reply-1", FakeAnsweringService.SampleAnswer("q"), [], DateTimeOffset.UtcNow, "stream-1"));

        Assert.Null(await store.SaveFeedbackAsync("msteams|other", "reply-1", FeedbackReaction.Like, null));
        Assert.NotNull(await store.SaveFeedbackAsync("msteams|c", "a1", FeedbackReaction.Like, null));
        Assert.NotNull(await store.SaveFeedbackAsync("msteams|c", "stream-1", FeedbackReaction.Like, null));
        Assert.NotNull(await store.SaveFeedbackAsync("msteams|c", "reply-1", FeedbackReaction.Like, null));
        Assert.Single(await store.GetFeedbackAsync());
    }

    [Fact]
    public async Task ALaterReactionReplacesTheEarlierOneAndACommentAloneKeepsTheReaction()
    {
        var store = Store();
        await store.RecordAnswerAsync(AnswerRecord.From("a1", "k", null, FakeAnsweringService.SampleAnswer("q"), [], DateTimeOffset.UtcNow));

        Assert.Null(await store.SaveFeedbackAsync("k", "a1", null, "a comment before any reaction"));
        await store.SaveFeedbackAsync("k", "a1", FeedbackReaction.Like, null);
        await store.SaveFeedbackAsync("k", "a1", FeedbackReaction.Dislike, null);
        await store.SaveFeedbackAsync("k", "a1", null, "It cited the wrong article.");

        var stored = Assert.Single(await store.GetFeedbackAsync());
        Assert.Equal(FeedbackReaction.Dislike, stored.Reaction);
        Assert.Equal("It cited the wrong article.", stored.Comment);
    }

    [Fact]
    public async Task AnswersWithoutFeedbackAreBoundedButAnswersWithFeedbackAreKept()
    {
        var store = Store(maxTurns: 4);
        await store.RecordAnswerAsync(AnswerRecord.From("keep", "k", null, FakeAnsweringService.SampleAnswer("q0"), [], DateTimeOffset.UtcNow.AddMinutes(-10)));
        await store.SaveFeedbackAsync("k", "keep", FeedbackReaction.Dislike, null);
        for (var i = 1; i <= 10; i++)
        {
            await store.RecordAnswerAsync(AnswerRecord.From($"a{i}", "k", null, FakeAnsweringService.SampleAnswer($"q{i}"), [], DateTimeOffset.UtcNow.AddMinutes(i)));
        }

        Assert.NotNull(await store.SaveFeedbackAsync("k", "a10", FeedbackReaction.Like, null));
        Assert.Null(await store.SaveFeedbackAsync("k", "a1", FeedbackReaction.Like, null));
        Assert.Equal(["q0", "q10"], (await store.GetFeedbackAsync()).Select(f => f.Answer.Question).Order());
    }

    private IConversationStore Store(int maxTurns = 20) =>
        engine.CreateConversationStore(new ConversationOptions { DatabasePath = "conversations.db", MaxTurnsPerConversation = maxTurns });
}

public sealed class SqliteConversationStoreTests() : ConversationStoreTests(new SqliteStorageEngine());

public sealed class PostgresConversationStoreTests() : ConversationStoreTests(new PostgresStorageEngine());
