using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;

namespace QaBot.Core.Conversations;

/// <summary>
/// Conversation history in its own SQLite file (WAL, so readers never wait for the writer). Each append
/// runs in one transaction that also trims the conversation to its bound.
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
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;" + ConversationCommandBuilder.CreateSchemaSql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
