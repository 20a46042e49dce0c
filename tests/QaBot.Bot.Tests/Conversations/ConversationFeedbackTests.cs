using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;
using QaBot.Core.Conversations;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>Answers and their feedback in the conversation store, and its versioned schema.</summary>
public sealed class ConversationFeedbackTests : IDisposable
{
    private readonly TempFolder _temp = new();

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
        Assert.Equal("fake", stored.Answer.Composer);
        Assert.Equal(0.7, stored.Answer.Confidence);
        Assert.True(stored.Answer.Partial);
        Assert.Equal("stream-3", stored.Answer.StreamId);
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

    [Fact]
    public async Task ADatabaseFromBeforeTheSchemaVersionKeepsItsHistoryAndGainsFeedback()
    {
        // A conversation database as QaBot wrote it before feedback: the history table, user_version 0.
        var path = Path.Combine(_temp.Path, "conversations.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE conversation_turns (conversation_key TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
                    text TEXT NOT NULL, created_utc TEXT NOT NULL, PRIMARY KEY (conversation_key, seq)) WITHOUT ROWID;
                INSERT INTO conversation_turns VALUES ('k', 1, 'user', 'old question', '2026-01-01T00:00:00.0000000Z');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = Store();
        Assert.Equal(["old question"], (await store.GetRecentTurnsAsync("k", 10)).Select(t => t.Text));
        await store.RecordAnswerAsync(AnswerRecord.From("a1", "k", null, FakeAnsweringService.SampleAnswer("q"), [], DateTimeOffset.UtcNow));
        Assert.NotNull(await store.SaveFeedbackAsync("k", "a1", FeedbackReaction.Like, null));
        Assert.Equal(2, await UserVersionAsync(path));
    }

    [Fact]
    public async Task ADatabaseFromANewerQaBotIsRefusedWithAClearError()
    {
        var path = Path.Combine(_temp.Path, "conversations.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store().GetFeedbackAsync());
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static async Task<long> UserVersionAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private SqliteConversationStore Store(int maxTurns = 20) =>
        new(Options.Create(new ConversationOptions { DatabasePath = "conversations.db", MaxTurnsPerConversation = maxTurns }), new QaBotRoot(_temp.Path), TimeProvider.System);
}
