using Npgsql;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Conversations;
using QaBot.Core.Storage;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// The PostgreSQL store's versioned schema (<c>schema_migrations</c>): a database QaBot made before feedback
/// (migration 1) keeps its history and gains answers and feedback (migration 2); one from a newer QaBot is
/// refused. Each test has a schema of its own on the shared PGlite server.
/// </summary>
public sealed class PostgresConversationSchemaTests : IAsyncLifetime
{
    private readonly PostgresStorageEngine _engine = new();

    public Task InitializeAsync() => _engine.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task ASchemaFromBeforeFeedbackKeepsItsHistoryAndGainsFeedback()
    {
        // The schema as migration 1 left it (catalog and conversations), with one conversation in it.
        var schema = Quoted();
        await ExecuteAsync($"""
            CREATE SCHEMA {schema};
            CREATE TABLE {schema}.schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_utc timestamptz NOT NULL DEFAULT now());
            INSERT INTO {schema}.schema_migrations (version, description) VALUES (1, 'catalog and conversations');
            CREATE TABLE {schema}.index_meta (key text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE {schema}.documents (id text PRIMARY KEY, title text NOT NULL, published_date text NULL, source_path text NOT NULL,
                content_hash text NOT NULL, text text NOT NULL, indexed_at timestamptz NOT NULL);
            CREATE TABLE {schema}.conversation_turns (conversation_key text NOT NULL, seq bigint NOT NULL, role text NOT NULL CHECK (role IN ('user', 'assistant')),
                text text NOT NULL, created_utc timestamptz NOT NULL, PRIMARY KEY (conversation_key, seq));
            INSERT INTO {schema}.conversation_turns VALUES ('k', 1, 'user', 'old question', '2026-01-01T00:00:00Z');
            """);

        var store = Store();
        Assert.Equal(["old question"], (await store.GetRecentTurnsAsync("k", 10)).Select(t => t.Text));
        await store.RecordAnswerAsync(AnswerRecord.From("a1", "k", null, FakeAnsweringService.SampleAnswer("q"), [], DateTimeOffset.UtcNow));
        Assert.NotNull(await store.SaveFeedbackAsync("k", "a1", FeedbackReaction.Like, null));
        Assert.Equal(3, await ScalarAsync<int>($"SELECT max(version) FROM {schema}.schema_migrations;")); // every later migration ran: 2 feedback, 3 URLs and the corpus
    }

    [Fact]
    public async Task ASchemaFromANewerQaBotIsRefusedWithAClearError()
    {
        var schema = Quoted();
        await ExecuteAsync($"""
            CREATE SCHEMA {schema};
            CREATE TABLE {schema}.schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_utc timestamptz NOT NULL DEFAULT now());
            INSERT INTO {schema}.schema_migrations (version, description) VALUES (99, 'from the future');
            """);

        var error = await Assert.ThrowsAsync<StorageException>(() => Store().GetFeedbackAsync());
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("QaBot:Storage:Schema", error.Message, StringComparison.Ordinal);
    }

    private IConversationStore Store() => _engine.CreateConversationStore(new ConversationOptions { MaxTurnsPerConversation = 20 });

    private string Quoted() => "\"" + _engine.Schema + "\"";

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_engine.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_engine.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
