using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector.Npgsql;
using QaBot.Core.Configuration;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// The PostgreSQL database QaBot's index and conversations live in: one pooled
/// <see cref="NpgsqlDataSource"/> with pgvector's types, and the schema brought up to date
/// (<see cref="PostgresMigrations"/>) before the first connection is handed out.
/// </summary>
/// <remarks>
/// QaBot keeps no session state on a connection between transactions (no named prepared statements, no
/// session <c>SET</c>s, no temporary tables; per-query settings are <c>SET LOCAL</c>), so a pooler in
/// transaction mode (PgBouncer, Azure's built-in one) and PGlite's shared single session both work.
/// </remarks>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(IOptions<StorageOptions> options, ILogger<PostgresDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var storage = options.Value;
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:ConnectionString is required when {StorageOptions.SectionName}:Provider is {StorageProviders.Postgres}.");
        }

        var builder = new NpgsqlDataSourceBuilder(storage.ConnectionString);
        builder.UseVector();
        _dataSource = builder.Build();
        _logger = logger;
        Schema = storage.Schema;
        var settings = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        Location = $"postgresql://{settings.Host}:{settings.Port}/{settings.Database} (schema {Schema})";
    }

    /// <summary>The schema QaBot's tables are in.</summary>
    public string Schema { get; }

    /// <summary>Server, database and schema, for messages (never the password).</summary>
    public string Location { get; }

    /// <summary>A pooled connection, after the schema has been migrated (once per process).</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _migrationGate.Dispose();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _migrationGate.Dispose();
    }

    private async Task<NpgsqlConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new StorageException($"Could not connect to the QaBot database {Location}: {ex.Message}", "open", ex, systemName: "postgresql");
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            bool createdExtension;
            await using (var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    (createdExtension, var version) = await PostgresMigrations.ApplyAsync(connection, Schema, cancellationToken).ConfigureAwait(false);
                    if (version is { } applied)
                    {
                        _logger.SchemaMigrated(Schema, applied);
                    }
                }
                catch (PostgresException ex)
                {
                    throw StorageException.Wrap(ex, "Migrate", Schema, "postgresql");
                }
            }

            if (createdExtension)
            {
                // The vector type did not exist when the pool loaded the server's types.
                await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
                await connection.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
            }

            _migrated = true;
        }
        finally
        {
            _migrationGate.Release();
        }
    }
}
