using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using QaBot.Core.Answering;
using QaBot.Core.Conversations;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// Conversation history, answers and feedback in the PostgreSQL database the index lives in, so every bot
/// replica sees every conversation: a follow-up, or the feedback on an answer, may reach another replica
/// than the question before it. Each append runs in one transaction that holds an advisory lock on the
/// conversation (two replicas appending to the same conversation at once take turns) and trims the
/// conversation to its bound; answers without feedback are bounded the same way, answers with feedback kept.
/// </summary>
public sealed class PostgresConversationStore : IConversationStore
{
    private readonly PostgresDatabase _database;
    private readonly ConversationOptions _options;
    private readonly TimeProvider _time;

    public PostgresConversationStore(PostgresDatabase database, IOptions<ConversationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _options = options.Value;
        _time = time;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private string Schema => _database.Schema;

    public async Task<IReadOnlyList<ConversationTurn>> GetRecentTurnsAsync(string conversationKey, int maxTurns, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTurns);
        if (maxTurns == 0)
        {
            return [];
        }

        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = PostgresConversationCommandBuilder.SelectRecentTurns(
                connection, Schema, conversationKey, Math.Min(maxTurns, _options.MaxTurnsPerConversation));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var turns = new List<ConversationTurn>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var role = reader.GetString(0) == "assistant" ? ConversationRole.Assistant : ConversationRole.User;
                turns.Add(new ConversationTurn(role, reader.GetString(1)));
            }

            return turns;
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"Reading conversation history from {_database.Location} failed: {ex.Message}", ex);
        }
    }

    public async Task AppendTurnsAsync(string conversationKey, IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentNullException.ThrowIfNull(turns);
        if (turns.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockConversation = PostgresConversationCommandBuilder.LockConversation(connection, conversationKey))
            {
                lockConversation.Transaction = transaction;
                await lockConversation.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long seq;
            await using (var last = PostgresConversationCommandBuilder.SelectLastSeq(connection, Schema, conversationKey))
            {
                last.Transaction = transaction;
                seq = (long)(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            var now = _time.GetUtcNow();
            foreach (var turn in turns)
            {
                var role = turn.Role == ConversationRole.Assistant ? "assistant" : "user";
                await using var insert = PostgresConversationCommandBuilder.InsertTurn(connection, Schema, conversationKey, ++seq, role, Cut(turn.Text), now);
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var trim = PostgresConversationCommandBuilder.DeleteTurnsUpTo(connection, Schema, conversationKey, seq - _options.MaxTurnsPerConversation))
            {
                trim.Transaction = transaction;
                await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"Saving conversation history to {_database.Location} failed: {ex.Message}", ex);
        }
    }

    public async Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var insert = PostgresConversationCommandBuilder.UpsertAnswer(
                connection,
                Schema,
                answer with { AnswerText = Cut(answer.AnswerText), Question = Cut(answer.Question) },
                JsonSerializer.Serialize(answer.Context, JsonOptions),
                JsonSerializer.Serialize(answer.Citations, JsonOptions),
                JsonSerializer.Serialize(answer.RetrievedDocumentIds, JsonOptions)))
            {
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var trim = PostgresConversationCommandBuilder.TrimAnswers(connection, Schema, answer.ConversationKey, _options.MaxTurnsPerConversation))
            {
                trim.Transaction = transaction;
                await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"Saving an answer to {_database.Location} failed: {ex.Message}", ex);
        }
    }

    public async Task<AnswerFeedback?> SaveFeedbackAsync(string conversationKey, string answerOrReplyId, FeedbackReaction? reaction, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentException.ThrowIfNullOrEmpty(answerOrReplyId);
        comment = string.IsNullOrWhiteSpace(comment) ? null : Cut(comment.Trim());
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            AnswerRecord answer;
            FeedbackReaction? stored;
            await using (var select = PostgresConversationCommandBuilder.SelectAnswer(connection, Schema, conversationKey, answerOrReplyId))
            {
                select.Transaction = transaction;
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                answer = ReadAnswer(reader);
                stored = reader.IsDBNull(14) ? null : ParseReaction(reader.GetString(14));
            }

            if ((reaction ?? stored) is not { } effective)
            {
                // A comment with no reaction given before: nothing to attach it to.
                return null;
            }

            await using (var upsert = PostgresConversationCommandBuilder.UpsertFeedback(connection, Schema, answer.AnswerId, FeedbackReactionNames.Name(effective), comment, _time.GetUtcNow()))
            {
                upsert.Transaction = transaction;
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            AnswerFeedback? saved = null;
            await using (var reread = PostgresConversationCommandBuilder.SelectAnswer(connection, Schema, conversationKey, answer.AnswerId))
            {
                reread.Transaction = transaction;
                await using var reader = await reread.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    saved = ReadFeedback(reader);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return saved;
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"Saving feedback to {_database.Location} failed: {ex.Message}", ex);
        }
    }

    public async Task<IReadOnlyList<AnswerFeedback>> GetFeedbackAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = PostgresConversationCommandBuilder.SelectAllFeedback(connection, Schema);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var feedback = new List<AnswerFeedback>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                feedback.Add(ReadFeedback(reader));
            }

            return feedback;
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"Reading feedback from {_database.Location} failed: {ex.Message}", ex);
        }
    }

    private static FeedbackReaction ParseReaction(string value) => FeedbackReactionNames.Parse(value) ?? FeedbackReaction.Dislike;

    /// <summary>Columns 0–13 of <see cref="PostgresConversationCommandBuilder.SelectAnswer"/>.</summary>
    private static AnswerRecord ReadAnswer(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3),
        JsonSerializer.Deserialize<List<string>>(reader.GetString(4), JsonOptions) ?? [],
        reader.GetString(5),
        reader.GetBoolean(6),
        reader.GetBoolean(7),
        JsonSerializer.Deserialize<List<CitationDto>>(reader.GetString(8), JsonOptions) ?? [],
        JsonSerializer.Deserialize<List<string>>(reader.GetString(9), JsonOptions) ?? [],
        reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetDouble(11),
        reader.GetFieldValue<DateTimeOffset>(12))
    {
        StreamId = reader.IsDBNull(13) ? null : reader.GetString(13),
    };

    /// <summary>An answer row followed by the feedback's reaction, comment and time (columns 14–16).</summary>
    private static AnswerFeedback ReadFeedback(NpgsqlDataReader reader) => new(
        ReadAnswer(reader),
        ParseReaction(reader.GetString(14)),
        reader.IsDBNull(15) ? null : reader.GetString(15),
        reader.GetFieldValue<DateTimeOffset>(16));

    private string Cut(string text) => text.Length > _options.MaxTurnChars ? text[.._options.MaxTurnChars] : text;
}
