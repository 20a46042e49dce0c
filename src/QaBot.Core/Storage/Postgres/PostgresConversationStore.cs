using Microsoft.Extensions.Options;
using Npgsql;
using QaBot.Core.Answering;
using QaBot.Core.Conversations;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// Conversation history in the PostgreSQL database the index lives in, so every bot replica sees every
/// conversation: a follow-up may reach another replica than the question before it. Each append runs in
/// one transaction that holds an advisory lock on the conversation (two replicas appending to the same
/// conversation at once take turns) and trims the conversation to its bound.
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

    private string Turns => PostgresCommandBuilder.Table(_database.Schema, "conversation_turns");

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
            await using var command = PostgresCommandBuilder.Command(connection, $"""
                SELECT role, text FROM (
                    SELECT seq, role, text FROM {Turns} WHERE conversation_key = $1 ORDER BY seq DESC LIMIT $2
                ) AS recent ORDER BY seq ASC;
                """, conversationKey, Math.Min(maxTurns, _options.MaxTurnsPerConversation));
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
            await using (var lockConversation = PostgresCommandBuilder.Command(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0));", conversationKey))
            {
                lockConversation.Transaction = transaction;
                await lockConversation.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long seq;
            await using (var last = PostgresCommandBuilder.Command(connection, $"SELECT coalesce(max(seq), 0) FROM {Turns} WHERE conversation_key = $1;", conversationKey))
            {
                last.Transaction = transaction;
                seq = (long)(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            var now = _time.GetUtcNow();
            foreach (var turn in turns)
            {
                var text = turn.Text.Length > _options.MaxTurnChars ? turn.Text[.._options.MaxTurnChars] : turn.Text;
                var role = turn.Role == ConversationRole.Assistant ? "assistant" : "user";
                await using var insert = PostgresCommandBuilder.Command(
                    connection,
                    $"INSERT INTO {Turns} (conversation_key, seq, role, text, created_utc) VALUES ($1, $2, $3, $4, $5);",
                    conversationKey, ++seq, role, text, now);
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var trim = PostgresCommandBuilder.Command(
                connection, $"DELETE FROM {Turns} WHERE conversation_key = $1 AND seq <= $2;", conversationKey, seq - _options.MaxTurnsPerConversation))
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
}
