using Microsoft.Data.Sqlite;

namespace QaBot.Core.Conversations;

/// <summary>The conversation store's SQL, as parameterized commands.</summary>
internal static class ConversationCommandBuilder
{
    public const string CreateSchemaSql = """
        CREATE TABLE IF NOT EXISTS conversation_turns (
            conversation_key TEXT NOT NULL,
            seq INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            text TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (conversation_key, seq)
        ) WITHOUT ROWID;
        """;

    public static SqliteCommand SelectRecent(SqliteConnection connection, string conversationKey, int maxTurns)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            SELECT role, text FROM (
                SELECT seq, role, text FROM conversation_turns
                WHERE conversation_key = $key
                ORDER BY seq DESC
                LIMIT $limit)
            ORDER BY seq ASC;
            """;
        command.Parameters.AddWithValue("$key", conversationKey);
        command.Parameters.AddWithValue("$limit", maxTurns);
        return command;
    }

    public static SqliteCommand SelectLastSeq(SqliteConnection connection, string conversationKey)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM conversation_turns WHERE conversation_key = $key;";
        command.Parameters.AddWithValue("$key", conversationKey);
        return command;
    }

    public static SqliteCommand Insert(SqliteConnection connection, string conversationKey, long seq, string role, string text, DateTimeOffset createdUtc)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversation_turns (conversation_key, seq, role, text, created_utc)
            VALUES ($key, $seq, $role, $text, $created);
            """;
        command.Parameters.AddWithValue("$key", conversationKey);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$text", text);
        command.Parameters.AddWithValue("$created", createdUtc.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return command;
    }

    public static SqliteCommand DeleteOlderThan(SqliteConnection connection, string conversationKey, long keepAfterSeq)
    {
        var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM conversation_turns WHERE conversation_key = $key AND seq <= $seq;";
        command.Parameters.AddWithValue("$key", conversationKey);
        command.Parameters.AddWithValue("$seq", keepAfterSeq);
        return command;
    }
}
