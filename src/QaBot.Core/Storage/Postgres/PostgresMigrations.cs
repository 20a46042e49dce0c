using Npgsql;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// The versioned schema of QaBot's PostgreSQL database. Each migration runs once, in order, in one
/// transaction under an advisory lock (so replicas starting together do not race), and is recorded in
/// <c>schema_migrations</c>. The chunk table is not among them: its vector column's dimension comes from
/// the embedding model, so the catalog creates it when it is initialized (<see cref="PostgresIndexCatalog"/>).
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>Any fixed number: the key of the advisory lock every process takes to migrate or initialize.</summary>
    internal const long LockKey = 0x51_42_6F_74; // "QBot"

    /// <summary>The migrations in order: version, what it does, and its SQL (<c>{schema}</c> is the quoted schema).</summary>
    internal static readonly IReadOnlyList<(int Version, string Description, string Sql)> All =
    [
        (1, "catalog and conversations", """
            CREATE TABLE {schema}.index_meta (
                key text PRIMARY KEY,
                value text NOT NULL
            );
            CREATE TABLE {schema}.documents (
                id text PRIMARY KEY,
                title text NOT NULL,
                published_date text NULL,
                source_path text NOT NULL,
                content_hash text NOT NULL,
                text text NOT NULL,
                indexed_at timestamptz NOT NULL
            );
            CREATE TABLE {schema}.conversation_turns (
                conversation_key text NOT NULL,
                seq bigint NOT NULL,
                role text NOT NULL CHECK (role IN ('user', 'assistant')),
                text text NOT NULL,
                created_utc timestamptz NOT NULL,
                PRIMARY KEY (conversation_key, seq)
            );
            """),
        (2, "answers and their feedback", """
            CREATE TABLE {schema}.answers (
                answer_id text PRIMARY KEY,
                seq bigint GENERATED ALWAYS AS IDENTITY,
                conversation_key text NOT NULL,
                reply_id text NULL,
                stream_id text NULL,
                question text NOT NULL,
                context jsonb NOT NULL,
                answer_text text NOT NULL,
                declined boolean NOT NULL,
                partial boolean NOT NULL,
                citations jsonb NOT NULL,
                retrieved jsonb NOT NULL,
                composer text NOT NULL,
                confidence double precision NULL,
                created_utc timestamptz NOT NULL
            );
            CREATE INDEX answers_by_reply ON {schema}.answers (conversation_key, reply_id);
            CREATE INDEX answers_by_stream ON {schema}.answers (conversation_key, stream_id);
            CREATE INDEX answers_by_conversation ON {schema}.answers (conversation_key, created_utc);
            CREATE TABLE {schema}.feedback (
                answer_id text PRIMARY KEY REFERENCES {schema}.answers (answer_id),
                reaction text NOT NULL CHECK (reaction IN ('like', 'dislike')),
                comment text NULL,
                updated_utc timestamptz NOT NULL
            );
            """),
        (3, "documents keep their own URL", """
            ALTER TABLE {schema}.documents ADD COLUMN url text NULL;
            """),
    ];

    /// <summary>The version the last migration reaches.</summary>
    internal static int LatestVersion => All[^1].Version;

    /// <summary>
    /// Creates the vector extension and the schema if missing and applies the migrations not yet recorded.
    /// Returns whether the extension was created now, and the version reached when any migration ran.
    /// </summary>
    public static async Task<(bool CreatedExtension, int? Version)> ApplyAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var quoted = PostgresCommandBuilder.Quote(schema);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey});", cancellationToken).ConfigureAwait(false);

        bool hadExtension;
        await using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector');", connection, transaction))
        {
            hadExtension = (bool)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await ExecuteAsync(connection, transaction, $"""
            CREATE EXTENSION IF NOT EXISTS vector;
            CREATE SCHEMA IF NOT EXISTS {quoted};
            CREATE TABLE IF NOT EXISTS {quoted}.schema_migrations (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_utc timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken).ConfigureAwait(false);

        int current;
        await using (var read = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {quoted}.schema_migrations;", connection, transaction))
        {
            current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (current > LatestVersion)
        {
            throw new StorageException(
                $"The QaBot schema '{schema}' has schema version {current}, newer than this QaBot knows ({LatestVersion}). Use a newer QaBot or another {Configuration.StorageOptions.SectionName}:Schema.",
                "Migrate",
                table: schema,
                systemName: "postgresql");
        }

        int? reached = null;
        foreach (var (version, description, sql) in All.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, sql.Replace("{schema}", quoted, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand($"INSERT INTO {quoted}.schema_migrations (version, description) VALUES ($1, $2);", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            record.Parameters.Add(new NpgsqlParameter { Value = description });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            reached = version;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (!hadExtension, reached);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
