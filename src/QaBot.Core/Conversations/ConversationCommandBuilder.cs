using Microsoft.Data.Sqlite;

namespace QaBot.Core.Conversations;

/// <summary>The conversation store's SQL, as parameterized commands.</summary>
internal static class ConversationCommandBuilder
{
    /// <summary>
    /// The schema's versions in order: step <c>i</c> takes the database from <c>PRAGMA user_version</c>
    /// <c>i</c> to <c>i + 1</c>. Version 1 is the history table (databases made before versioning have it
    /// at user_version 0, hence IF NOT EXISTS); version 2 adds answers and their feedback.
    /// </summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS conversation_turns (
            conversation_key TEXT NOT NULL,
            seq INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            text TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (conversation_key, seq)
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE answers (
            answer_id TEXT PRIMARY KEY,
            conversation_key TEXT NOT NULL,
            reply_id TEXT,
            stream_id TEXT,
            question TEXT NOT NULL,
            context_json TEXT NOT NULL,
            answer_text TEXT NOT NULL,
            declined INTEGER NOT NULL,
            partial INTEGER NOT NULL,
            citations_json TEXT NOT NULL,
            retrieved_json TEXT NOT NULL,
            composer TEXT NOT NULL,
            confidence REAL,
            created_utc TEXT NOT NULL
        );
        CREATE INDEX answers_by_reply ON answers (conversation_key, reply_id);
        CREATE INDEX answers_by_stream ON answers (conversation_key, stream_id);
        CREATE INDEX answers_by_conversation ON answers (conversation_key, created_utc);
        CREATE TABLE feedback (
            answer_id TEXT PRIMARY KEY REFERENCES answers (answer_id),
            reaction TEXT NOT NULL CHECK (reaction IN ('like', 'dislike')),
            comment TEXT,
            updated_utc TEXT NOT NULL
        );
        """,
    ];

    public static int SchemaVersion => Migrations.Count;

    private const string AnswerColumns = "a.answer_id, a.conversation_key, a.reply_id, a.question, a.context_json, a.answer_text, a.declined, a.partial, a.citations_json, a.retrieved_json, a.composer, a.confidence, a.created_utc, a.stream_id";

    public static SqliteCommand InsertAnswer(SqliteConnection connection, AnswerRecord answer, string contextJson, string citationsJson, string retrievedJson)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO answers (answer_id, conversation_key, reply_id, stream_id, question, context_json, answer_text, declined, partial, citations_json, retrieved_json, composer, confidence, created_utc)
            VALUES ($id, $key, $reply, $stream, $question, $context, $text, $declined, $partial, $citations, $retrieved, $composer, $confidence, $created);
            """;
        command.Parameters.AddWithValue("$id", answer.AnswerId);
        command.Parameters.AddWithValue("$key", answer.ConversationKey);
        command.Parameters.AddWithValue("$reply", (object?)answer.ReplyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$stream", (object?)answer.StreamId ?? DBNull.Value);
        command.Parameters.AddWithValue("$question", answer.Question);
        command.Parameters.AddWithValue("$context", contextJson);
        command.Parameters.AddWithValue("$text", answer.AnswerText);
        command.Parameters.AddWithValue("$declined", answer.Declined ? 1 : 0);
        command.Parameters.AddWithValue("$partial", answer.Partial ? 1 : 0);
        command.Parameters.AddWithValue("$citations", citationsJson);
        command.Parameters.AddWithValue("$retrieved", retrievedJson);
        command.Parameters.AddWithValue("$composer", answer.Composer);
        command.Parameters.AddWithValue("$confidence", (object?)answer.Confidence ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", Timestamp(answer.CreatedUtc));
        return command;
    }

    /// <summary>Drops the conversation's answers without feedback beyond the newest <paramref name="keep"/>.</summary>
    public static SqliteCommand TrimAnswers(SqliteConnection connection, string conversationKey, int keep)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM answers
            WHERE conversation_key = $key
              AND answer_id NOT IN (SELECT answer_id FROM feedback)
              AND answer_id NOT IN (
                  SELECT answer_id FROM answers WHERE conversation_key = $key
                  ORDER BY created_utc DESC, rowid DESC LIMIT $keep);
            """;
        command.Parameters.AddWithValue("$key", conversationKey);
        command.Parameters.AddWithValue("$keep", keep);
        return command;
    }

    /// <summary>The conversation's answer whose answer id, reply id or stream id is <paramref name="id"/> (the newest when reply ids repeat).</summary>
    public static SqliteCommand SelectAnswer(SqliteConnection connection, string conversationKey, string id)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AnswerColumns}, f.reaction, f.comment, f.updated_utc
            FROM answers a LEFT JOIN feedback f ON f.answer_id = a.answer_id
            WHERE a.conversation_key = $key AND (a.answer_id = $id OR a.reply_id = $id OR a.stream_id = $id)
            ORDER BY a.answer_id = $id DESC, a.created_utc DESC, a.rowid DESC
            LIMIT 1;
            """;
        command.Parameters.AddWithValue("$key", conversationKey);
        command.Parameters.AddWithValue("$id", id);
        return command;
    }

    public static SqliteCommand UpsertFeedback(SqliteConnection connection, string answerId, string reaction, string? comment, DateTimeOffset updatedUtc)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (answer_id, reaction, comment, updated_utc) VALUES ($id, $reaction, $comment, $updated)
            ON CONFLICT (answer_id) DO UPDATE SET reaction = excluded.reaction, comment = COALESCE(excluded.comment, feedback.comment), updated_utc = excluded.updated_utc;
            """;
        command.Parameters.AddWithValue("$id", answerId);
        command.Parameters.AddWithValue("$reaction", reaction);
        command.Parameters.AddWithValue("$comment", (object?)comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$updated", Timestamp(updatedUtc));
        return command;
    }

    public static SqliteCommand SelectAllFeedback(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AnswerColumns}, f.reaction, f.comment, f.updated_utc
            FROM feedback f JOIN answers a ON a.answer_id = f.answer_id
            ORDER BY f.updated_utc, a.answer_id;
            """;
        return command;
    }

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

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
        command.Parameters.AddWithValue("$created", Timestamp(createdUtc));
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
