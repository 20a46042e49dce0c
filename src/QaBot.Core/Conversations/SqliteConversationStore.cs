using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;

namespace QaBot.Core.Conversations;

/// <summary>
/// Conversation history, answers and feedback in their own SQLite file (WAL, so readers never wait for
/// the writer). Each append runs in one transaction that also trims the conversation to its bound. The
/// schema is versioned (<c>PRAGMA user_version</c>): a database is brought up to date step by step on
/// first use, each step in its own transaction, and one from a newer QaBot is refused.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore
{
    private readonly ConversationOptions _options;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private volatile bool _schemaReady;

    public SqliteConversationStore(IOptions<ConversationOptions> options, QaBotRoot root, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        _options = options.Value;
        _timeProvider = timeProvider;
        DatabasePath = root.Resolve(_options.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

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
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = ConversationCommandBuilder.SelectRecent(connection, conversationKey, Math.Min(maxTurns, _options.MaxTurnsPerConversation));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var turns = new List<ConversationTurn>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var role = reader.GetString(0) == "assistant" ? ConversationRole.Assistant : ConversationRole.User;
                turns.Add(new ConversationTurn(role, reader.GetString(1)));
            }

            return turns;
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"Reading conversation history from '{DatabasePath}' failed: {ex.Message}", ex);
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
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            long seq;
            await using (var last = ConversationCommandBuilder.SelectLastSeq(connection, conversationKey))
            {
                last.Transaction = transaction;
                seq = Convert.ToInt64(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            var now = _timeProvider.GetUtcNow();
            foreach (var turn in turns)
            {
                var text = turn.Text.Length > _options.MaxTurnChars ? turn.Text[.._options.MaxTurnChars] : turn.Text;
                var role = turn.Role == ConversationRole.Assistant ? "assistant" : "user";
                await using var insert = ConversationCommandBuilder.Insert(connection, conversationKey, ++seq, role, text, now);
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var trim = ConversationCommandBuilder.DeleteOlderThan(connection, conversationKey, seq - _options.MaxTurnsPerConversation))
            {
                trim.Transaction = transaction;
                await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"Saving conversation history to '{DatabasePath}' failed: {ex.Message}", ex);
        }
    }

    public async Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var insert = ConversationCommandBuilder.InsertAnswer(
                connection,
                answer with { AnswerText = Cut(answer.AnswerText), Question = Cut(answer.Question) },
                JsonSerializer.Serialize(answer.Context, JsonOptions),
                JsonSerializer.Serialize(answer.Citations, JsonOptions),
                JsonSerializer.Serialize(answer.RetrievedDocumentIds, JsonOptions)))
            {
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var trim = ConversationCommandBuilder.TrimAnswers(connection, answer.ConversationKey, _options.MaxTurnsPerConversation))
            {
                trim.Transaction = transaction;
                await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"Saving an answer to '{DatabasePath}' failed: {ex.Message}", ex);
        }
    }

    public async Task<AnswerFeedback?> SaveFeedbackAsync(string conversationKey, string answerOrReplyId, FeedbackReaction? reaction, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentException.ThrowIfNullOrEmpty(answerOrReplyId);
        comment = string.IsNullOrWhiteSpace(comment) ? null : Cut(comment.Trim());
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            AnswerRecord answer;
            FeedbackReaction? stored;
            await using (var select = ConversationCommandBuilder.SelectAnswer(connection, conversationKey, answerOrReplyId))
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

            var now = _timeProvider.GetUtcNow();
            await using (var upsert = ConversationCommandBuilder.UpsertFeedback(connection, answer.AnswerId, FeedbackReactionNames.Name(effective), comment, now))
            {
                upsert.Transaction = transaction;
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            AnswerFeedback? saved = null;
            await using (var reread = ConversationCommandBuilder.SelectAnswer(connection, conversationKey, answer.AnswerId))
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
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"Saving feedback to '{DatabasePath}' failed: {ex.Message}", ex);
        }
    }

    public async Task<IReadOnlyList<AnswerFeedback>> GetFeedbackAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = ConversationCommandBuilder.SelectAllFeedback(connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var feedback = new List<AnswerFeedback>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                feedback.Add(ReadFeedback(reader));
            }

            return feedback;
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"Reading feedback from '{DatabasePath}' failed: {ex.Message}", ex);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private string Cut(string text) => text.Length > _options.MaxTurnChars ? text[.._options.MaxTurnChars] : text;

    private static FeedbackReaction ParseReaction(string value) => FeedbackReactionNames.Parse(value) ?? FeedbackReaction.Dislike;

    private static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Columns 0–13 of <see cref="ConversationCommandBuilder.SelectAnswer"/>.</summary>
    private static AnswerRecord ReadAnswer(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3),
        JsonSerializer.Deserialize<List<string>>(reader.GetString(4), JsonOptions) ?? [],
        reader.GetString(5),
        reader.GetInt64(6) != 0,
        reader.GetInt64(7) != 0,
        JsonSerializer.Deserialize<List<CitationDto>>(reader.GetString(8), JsonOptions) ?? [],
        JsonSerializer.Deserialize<List<string>>(reader.GetString(9), JsonOptions) ?? [],
        reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetDouble(11),
        ParseTimestamp(reader.GetString(12)))
    {
        StreamId = reader.IsDBNull(13) ? null : reader.GetString(13),
    };

    /// <summary>An answer row followed by the feedback's reaction, comment and time (columns 14–16).</summary>
    private static AnswerFeedback ReadFeedback(SqliteDataReader reader) => new(
        ReadAnswer(reader),
        ParseReaction(reader.GetString(14)),
        reader.IsDBNull(15) ? null : reader.GetString(15),
        ParseTimestamp(reader.GetString(16)));

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var folder = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>Applies the schema steps the database lacks, each with its version bump in one transaction.</summary>
    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            long version;
            await using (var read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "PRAGMA user_version;";
                version = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            if (version > ConversationCommandBuilder.SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The conversation database '{DatabasePath}' has schema version {version}, newer than this QaBot knows ({ConversationCommandBuilder.SchemaVersion}). Use a newer QaBot or another QaBot:Conversations:DatabasePath.");
            }

            if (version == ConversationCommandBuilder.SchemaVersion)
            {
                return;
            }

            await using (var step = connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = ConversationCommandBuilder.Migrations[(int)version] + $"PRAGMA user_version = {version + 1};";
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
