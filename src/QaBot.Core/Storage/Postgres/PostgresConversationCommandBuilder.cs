using Npgsql;
using NpgsqlTypes;
using QaBot.Core.Conversations;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// The SQL of <see cref="PostgresConversationStore"/> (tables of migrations 1 and 2 in
/// <see cref="PostgresMigrations"/>), as commands with positional parameters: the history
/// (<c>conversation_turns</c>), the answers users may give feedback on (<c>answers</c>, lists as
/// <c>jsonb</c>) and the feedback (<c>feedback</c>, one row per answer).
/// </summary>
internal static class PostgresConversationCommandBuilder
{
    /// <summary>Answer columns 0–13 as <see cref="PostgresConversationStore"/> reads them; feedback follows as 14–16.</summary>
    private const string AnswerColumns =
        "a.answer_id, a.conversation_key, a.reply_id, a.question, a.context::text, a.answer_text, a.declined, a.partial, a.citations::text, a.retrieved::text, a.composer, a.confidence, a.created_utc, a.stream_id";

    public static NpgsqlCommand SelectRecentTurns(NpgsqlConnection connection, string schema, string conversationKey, int maxTurns) =>
        PostgresCommandBuilder.Command(connection, $"""
            SELECT role, text FROM (
                SELECT seq, role, text FROM {Turns(schema)} WHERE conversation_key = $1 ORDER BY seq DESC LIMIT $2
            ) AS recent ORDER BY seq ASC;
            """, conversationKey, maxTurns);

    /// <summary>Holds the conversation until the transaction ends: two replicas appending to it take turns.</summary>
    public static NpgsqlCommand LockConversation(NpgsqlConnection connection, string conversationKey) =>
        PostgresCommandBuilder.Command(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0));", conversationKey);

    public static NpgsqlCommand SelectLastSeq(NpgsqlConnection connection, string schema, string conversationKey) =>
        PostgresCommandBuilder.Command(connection, $"SELECT coalesce(max(seq), 0) FROM {Turns(schema)} WHERE conversation_key = $1;", conversationKey);

    public static NpgsqlCommand InsertTurn(NpgsqlConnection connection, string schema, string conversationKey, long seq, string role, string text, DateTimeOffset createdUtc) =>
        PostgresCommandBuilder.Command(
            connection,
            $"INSERT INTO {Turns(schema)} (conversation_key, seq, role, text, created_utc) VALUES ($1, $2, $3, $4, $5);",
            conversationKey, seq, role, text, createdUtc.ToUniversalTime());

    public static NpgsqlCommand DeleteTurnsUpTo(NpgsqlConnection connection, string schema, string conversationKey, long seq) =>
        PostgresCommandBuilder.Command(connection, $"DELETE FROM {Turns(schema)} WHERE conversation_key = $1 AND seq <= $2;", conversationKey, seq);

    /// <summary>Inserts an answer, or replaces the one with the same answer id.</summary>
    public static NpgsqlCommand UpsertAnswer(NpgsqlConnection connection, string schema, AnswerRecord answer, string contextJson, string citationsJson, string retrievedJson)
    {
        var command = new NpgsqlCommand($"""
            INSERT INTO {Answers(schema)} (answer_id, conversation_key, reply_id, stream_id, question, context, answer_text, declined, partial, citations, retrieved, composer, confidence, created_utc)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (answer_id) DO UPDATE SET
                conversation_key = excluded.conversation_key, reply_id = excluded.reply_id, stream_id = excluded.stream_id,
                question = excluded.question, context = excluded.context, answer_text = excluded.answer_text,
                declined = excluded.declined, partial = excluded.partial, citations = excluded.citations,
                retrieved = excluded.retrieved, composer = excluded.composer, confidence = excluded.confidence,
                created_utc = excluded.created_utc;
            """, connection);
        Add(command, answer.AnswerId, NpgsqlDbType.Text);
        Add(command, answer.ConversationKey, NpgsqlDbType.Text);
        Add(command, answer.ReplyId, NpgsqlDbType.Text);
        Add(command, answer.StreamId, NpgsqlDbType.Text);
        Add(command, answer.Question, NpgsqlDbType.Text);
        Add(command, contextJson, NpgsqlDbType.Jsonb);
        Add(command, answer.AnswerText, NpgsqlDbType.Text);
        Add(command, answer.Declined, NpgsqlDbType.Boolean);
        Add(command, answer.Partial, NpgsqlDbType.Boolean);
        Add(command, citationsJson, NpgsqlDbType.Jsonb);
        Add(command, retrievedJson, NpgsqlDbType.Jsonb);
        Add(command, answer.Composer, NpgsqlDbType.Text);
        Add(command, answer.Confidence, NpgsqlDbType.Double);
        Add(command, answer.CreatedUtc.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        return command;
    }

    /// <summary>Drops the conversation's answers without feedback beyond the newest <paramref name="keep"/>.</summary>
    public static NpgsqlCommand TrimAnswers(NpgsqlConnection connection, string schema, string conversationKey, int keep) =>
        PostgresCommandBuilder.Command(connection, $"""
            DELETE FROM {Answers(schema)} AS a
            WHERE a.conversation_key = $1
              AND NOT EXISTS (SELECT 1 FROM {Feedback(schema)} AS f WHERE f.answer_id = a.answer_id)
              AND a.answer_id NOT IN (
                  SELECT k.answer_id FROM {Answers(schema)} AS k WHERE k.conversation_key = $1
                  ORDER BY k.created_utc DESC, k.seq DESC LIMIT $2);
            """, conversationKey, keep);

    /// <summary>
    /// The conversation's answer whose answer id, reply id or stream id is <paramref name="id"/> (the answer id
    /// first, then the newest when reply ids repeat), with its feedback if any; locked for the caller's update.
    /// </summary>
    public static NpgsqlCommand SelectAnswer(NpgsqlConnection connection, string schema, string conversationKey, string id) =>
        PostgresCommandBuilder.Command(connection, $"""
            SELECT {AnswerColumns}, f.reaction, f.comment, f.updated_utc
            FROM {Answers(schema)} AS a LEFT JOIN {Feedback(schema)} AS f ON f.answer_id = a.answer_id
            WHERE a.conversation_key = $1 AND (a.answer_id = $2 OR a.reply_id = $2 OR a.stream_id = $2)
            ORDER BY a.answer_id = $2 DESC, a.created_utc DESC, a.seq DESC
            LIMIT 1
            FOR UPDATE OF a;
            """, conversationKey, id);

    /// <summary>Stores a reaction; a null <paramref name="comment"/> keeps the stored one.</summary>
    public static NpgsqlCommand UpsertFeedback(NpgsqlConnection connection, string schema, string answerId, string reaction, string? comment, DateTimeOffset updatedUtc)
    {
        var command = new NpgsqlCommand($"""
            INSERT INTO {Feedback(schema)} AS f (answer_id, reaction, comment, updated_utc) VALUES ($1, $2, $3, $4)
            ON CONFLICT (answer_id) DO UPDATE SET reaction = excluded.reaction, comment = coalesce(excluded.comment, f.comment), updated_utc = excluded.updated_utc;
            """, connection);
        Add(command, answerId, NpgsqlDbType.Text);
        Add(command, reaction, NpgsqlDbType.Text);
        Add(command, comment, NpgsqlDbType.Text);
        Add(command, updatedUtc.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        return command;
    }

    public static NpgsqlCommand SelectAllFeedback(NpgsqlConnection connection, string schema) =>
        PostgresCommandBuilder.Command(connection, $"""
            SELECT {AnswerColumns}, f.reaction, f.comment, f.updated_utc
            FROM {Feedback(schema)} AS f JOIN {Answers(schema)} AS a ON a.answer_id = f.answer_id
            ORDER BY f.updated_utc, a.answer_id;
            """);

    private static string Turns(string schema) => PostgresCommandBuilder.Table(schema, "conversation_turns");

    private static string Answers(string schema) => PostgresCommandBuilder.Table(schema, "answers");

    private static string Feedback(string schema) => PostgresCommandBuilder.Table(schema, "feedback");

    private static void Add(NpgsqlCommand command, object? value, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
}
