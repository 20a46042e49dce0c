using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;
using QaBot.Core.Conversations;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// The SQLite conversation store's versioned schema (<c>PRAGMA user_version</c>). What the store keeps —
/// history, answers, feedback — is tested on both engines in <see cref="ConversationStoreTests"/>.
/// </summary>
public sealed class SqliteConversationSchemaTests : IDisposable
{
    private readonly TempFolder _temp = new();

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
