using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// The SQL of the PostgreSQL chunk collection, as commands with positional parameters. For a collection
/// named <c>chunks</c> in schema <c>qabot</c>:
/// <list type="bullet">
/// <item><c>qabot.chunks</c>: one row per chunk (<c>chunk_id</c> the key), with <c>terms</c>, the
/// <c>tsvector</c> of the analyzer's terms (<see cref="TsText"/>, GIN-indexed), <c>term_count</c> (BM25's
/// document length) and <c>embedding vector(D)</c> (HNSW-indexed, cosine).</item>
/// <item><c>qabot.chunks_totals</c>: one row, the number of chunks and of terms, kept by statement triggers,
/// so BM25's collection statistics are one row read in the query's snapshot.</item>
/// </list>
/// Schema and table names are validated identifiers, always quoted; every value is a parameter.
/// </summary>
internal static class PostgresCommandBuilder
{
    /// <summary>BM25's parameters, FTS5's defaults, so both engines rank alike.</summary>
    internal const double K1 = 1.2;
    internal const double B = 0.75;

    public static string Quote(string identifier)
    {
        if (string.IsNullOrEmpty(identifier) || identifier.Length > 63
            || !(char.IsAsciiLetter(identifier[0]) || identifier[0] == '_')
            || !identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{identifier}' is not a valid name (letters, digits and '_', not starting with a digit, at most 63).", nameof(identifier));
        }

        return "\"" + identifier + "\"";
    }

    public static string Table(string schema, string name) => Quote(schema) + "." + Quote(name);

    public static string Totals(string schema, string name) => Quote(schema) + "." + Quote(name + "_totals");

    /// <summary>The chunk table, its indexes, the totals row and the triggers that keep it, for vectors of <paramref name="dimensions"/>.</summary>
    public static string CreateCollectionSql(string schema, string name, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var table = Table(schema, name);
        var totals = Totals(schema, name);
        var function = Quote(schema) + "." + Quote(name + "_count");
        return $"""
            CREATE TABLE {table} (
                chunk_id text PRIMARY KEY,
                document_id text NOT NULL,
                title text NOT NULL,
                published_date text NULL,
                ordinal integer NOT NULL,
                start_offset integer NOT NULL,
                end_offset integer NOT NULL,
                text text NOT NULL,
                url text NULL,
                terms tsvector NOT NULL,
                term_count integer NOT NULL,
                embedding vector({dimensions.ToString(CultureInfo.InvariantCulture)}) NOT NULL
            );
            CREATE INDEX {Quote(name + "_document_id")} ON {table} (document_id, ordinal);
            CREATE INDEX {Quote(name + "_terms")} ON {table} USING gin (terms);
            CREATE INDEX {Quote(name + "_embedding")} ON {table} USING hnsw (embedding vector_cosine_ops);
            CREATE TABLE {totals} (
                id integer PRIMARY KEY CHECK (id = 1),
                chunks bigint NOT NULL,
                terms bigint NOT NULL
            );
            INSERT INTO {totals} VALUES (1, 0, 0);
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    UPDATE {totals} SET chunks = chunks + (SELECT count(*) FROM new_rows),
                        terms = terms + (SELECT coalesce(sum(term_count), 0) FROM new_rows) WHERE id = 1;
                END IF;
                IF TG_OP IN ('DELETE', 'UPDATE') THEN
                    UPDATE {totals} SET chunks = chunks - (SELECT count(*) FROM old_rows),
                        terms = terms - (SELECT coalesce(sum(term_count), 0) FROM old_rows) WHERE id = 1;
                END IF;
                RETURN NULL;
            END
            $body$;
            CREATE TRIGGER {Quote(name + "_count_insert")} AFTER INSERT ON {table}
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            CREATE TRIGGER {Quote(name + "_count_update")} AFTER UPDATE ON {table}
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            CREATE TRIGGER {Quote(name + "_count_delete")} AFTER DELETE ON {table}
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            """;
    }

    public static string DropCollectionSql(string schema, string name) => $"""
        DROP TABLE IF EXISTS {Table(schema, name)};
        DROP TABLE IF EXISTS {Totals(schema, name)};
        DROP FUNCTION IF EXISTS {Quote(schema)}.{Quote(name + "_count")}();
        """;

    /// <summary>The declared dimension of the chunk table's vector column (no row when the table does not exist).</summary>
    public static NpgsqlCommand SelectDimensions(NpgsqlConnection connection, string schema, string name) =>
        Command(connection, """
            SELECT a.atttypmod FROM pg_attribute a
            WHERE a.attrelid = to_regclass($1) AND a.attname = 'embedding' AND NOT a.attisdropped;
            """, Table(schema, name));

    /// <summary>
    /// Inserts or replaces chunks, one row per array element (arrays of equal length): the data columns,
    /// the <c>tsvector</c> literal and term count of each text, and the vectors.
    /// </summary>
    public static NpgsqlCommand Upsert(NpgsqlConnection connection, string schema, string name, IReadOnlyList<ChunkRecord> records)
    {
        var vectors = new (string Terms, int Count)[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            vectors[i] = TsText.Vector(records[i].Text);
        }

        var command = Command(connection, $"""
            INSERT INTO {Table(schema, name)} (chunk_id, document_id, title, published_date, ordinal, start_offset, end_offset, text, url, terms, term_count, embedding)
            SELECT u.chunk_id, u.document_id, u.title, u.published_date, u.ordinal, u.start_offset, u.end_offset, u.text, u.url, u.terms::tsvector, u.term_count, u.embedding
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::integer[], $8::text[], $9::text[], $10::text[], $11::integer[], $12::vector[])
                AS u(chunk_id, document_id, title, published_date, ordinal, start_offset, end_offset, text, url, terms, term_count, embedding)
            ON CONFLICT (chunk_id) DO UPDATE SET
                document_id = excluded.document_id,
                title = excluded.title,
                published_date = excluded.published_date,
                ordinal = excluded.ordinal,
                start_offset = excluded.start_offset,
                end_offset = excluded.end_offset,
                text = excluded.text,
                url = excluded.url,
                terms = excluded.terms,
                term_count = excluded.term_count,
                embedding = excluded.embedding;
            """);
        Add(command, records.Select(r => r.ChunkId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add(command, records.Select(r => r.DocumentId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add(command, records.Select(r => r.Title).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add(command, records.Select(r => r.PublishedDate).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add(command, records.Select(r => r.Ordinal).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add(command, records.Select(r => r.StartOffset).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add(command, records.Select(r => r.EndOffset).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add(command, records.Select(r => r.Text).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add(command, records.Select(r => r.Url).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add(command, vectors.Select(v => v.Terms).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add(command, vectors.Select(v => v.Count).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => new Vector(r.Embedding)).ToArray() });
        return command;
    }

    public static NpgsqlCommand Delete(NpgsqlConnection connection, string schema, string name, string[] chunkIds)
    {
        var command = Command(connection, $"DELETE FROM {Table(schema, name)} WHERE chunk_id = ANY($1);");
        Add(command, chunkIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
        return command;
    }

    public static NpgsqlCommand SelectByChunkIds(NpgsqlConnection connection, string schema, string name, string[] chunkIds, bool includeVectors)
    {
        var command = Command(connection, $"SELECT {SelectList(includeVectors)} FROM {Table(schema, name)} AS c WHERE c.chunk_id = ANY($1);");
        Add(command, chunkIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
        return command;
    }

    public static NpgsqlCommand SelectWhere(
        NpgsqlConnection connection, string schema, string name, Expression<Func<ChunkRecord, bool>> filter, int top, int skip, bool includeVectors)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var where = TranslateFilter(filter, command);
        command.CommandText = $"""
            SELECT {SelectList(includeVectors)} FROM {Table(schema, name)} AS c
            WHERE {where}
            ORDER BY c.document_id, c.ordinal
            LIMIT {Next(command, (long)top)} OFFSET {Next(command, (long)skip)};
            """;
        return command;
    }

    /// <summary>
    /// The HNSW index's search settings for this transaction (<c>set_config(…, true)</c> is <c>SET LOCAL</c>):
    /// a candidate list of at least <paramref name="candidates"/>, and, when a filter drops candidates,
    /// pgvector's iterative scan, which keeps searching until enough rows pass it.
    /// </summary>
    public static NpgsqlCommand ConfigureVectorSearch(NpgsqlConnection connection, int candidates, bool filtered)
    {
        var command = Command(
            connection,
            "SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', $2, true);",
            Math.Clamp(candidates, 40, 1000).ToString(CultureInfo.InvariantCulture),
            filtered ? "strict_order" : "off");
        return command;
    }

    /// <summary>Nearest chunks by cosine distance (the last column), through the HNSW index.</summary>
    public static NpgsqlCommand SelectNearest(
        NpgsqlConnection connection, string schema, string name, ReadOnlyMemory<float> vector, int top, int skip,
        Expression<Func<ChunkRecord, bool>>? filter, bool includeVectors)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var query = Next(command, new Vector(vector));
        var where = filter is null ? string.Empty : "WHERE " + TranslateFilter(filter, command);
        command.CommandText = $"""
            SELECT {SelectList(includeVectors)}, c.embedding <=> {query} AS distance
            FROM {Table(schema, name)} AS c
            {where}
            ORDER BY c.embedding <=> {query}
            LIMIT {Next(command, (long)top)} OFFSET {Next(command, (long)skip)};
            """;
        return command;
    }

    /// <summary>
    /// The collection's totals (chunks, terms) and the chunk frequency of each <c>tsquery</c> in
    /// <paramref name="queries"/> (a word or a phrase), counted through the GIN index. Rows: item number
    /// (1-based) and count; item 0 carries the totals.
    /// </summary>
    public static NpgsqlCommand SelectStatistics(NpgsqlConnection connection, string schema, string name, string[] queries)
    {
        var command = Command(connection, $"""
            SELECT 0::bigint, t.chunks, t.terms FROM {Totals(schema, name)} AS t WHERE t.id = 1
            UNION ALL
            SELECT u.i, (SELECT count(*) FROM {Table(schema, name)} AS c WHERE c.terms @@ u.q::tsquery), 0
            FROM unnest($1::text[]) WITH ORDINALITY AS u(q, i);
            """);
        Add(command, queries, NpgsqlDbType.Array | NpgsqlDbType.Text);
        return command;
    }

    /// <summary>
    /// BM25 over the chunks that hold any of the query's words or phrases, scored as FTS5's <c>bm25()</c>
    /// scores them: Σ idf · f·(k1+1) / (f + k1·(1 − b + b·dl/avgdl)) over the words and phrases, where f
    /// is the number of times the word or phrase occurs in the chunk (<c>ts_rank_cd</c> with weights 1 and
    /// no normalisation counts exactly that: one cover per occurrence) and dl its number of terms. The
    /// idf of each item comes from the caller (computed from the same snapshot's statistics). Best first;
    /// the last column is the score.
    /// </summary>
    public static NpgsqlCommand SelectKeywordMatches(
        NpgsqlConnection connection, string schema, string name, string match, string[] items, double[] idfs, double averageLength, int top,
        Expression<Func<ChunkRecord, bool>>? filter)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var itemsParameter = Next(command, items, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var idfParameter = Next(command, idfs, NpgsqlDbType.Array | NpgsqlDbType.Double);
        var matchParameter = Next(command, match, NpgsqlDbType.Text);
        var lengthParameter = Next(command, Math.Max(averageLength, 1e-9), NpgsqlDbType.Double);
        var where = filter is null ? string.Empty : " AND " + TranslateFilter(filter, command);
        var topParameter = Next(command, (long)top);
        var k1 = K1.ToString(CultureInfo.InvariantCulture);
        var b = B.ToString(CultureInfo.InvariantCulture);
        command.CommandText = $"""
            WITH q AS (
                SELECT u.item::tsquery AS item, u.idf FROM unnest({itemsParameter}::text[], {idfParameter}::float8[]) AS u(item, idf)
            ), m AS (
                SELECT c.chunk_id, c.term_count, c.terms FROM {Table(schema, name)} AS c
                WHERE c.terms @@ {matchParameter}::tsquery{where}
            ), s AS (
                SELECT m.chunk_id,
                    sum(q.idf * f.tf * ({k1} + 1) / (f.tf + {k1} * (1 - {b} + {b} * m.term_count / {lengthParameter}))) AS score
                FROM m CROSS JOIN q
                CROSS JOIN LATERAL (SELECT ts_rank_cd({UnitWeights}, m.terms, q.item, 0)::float8 AS tf) AS f
                WHERE f.tf > 0
                GROUP BY m.chunk_id
                ORDER BY score DESC, m.chunk_id
                LIMIT {topParameter}
            )
            SELECT {SelectList(includeVectors: false)}, s.score
            FROM s JOIN {Table(schema, name)} AS c ON c.chunk_id = s.chunk_id
            ORDER BY s.score DESC, c.chunk_id;
            """;
        return command;
    }

    public static NpgsqlCommand CountChunks(NpgsqlConnection connection, string schema, string name) =>
        Command(connection, $"SELECT chunks FROM {Totals(schema, name)} WHERE id = 1;");

    /// <summary>The data columns (<see cref="ChunkColumns"/>) of alias <c>c</c>, then the embedding or NULL.</summary>
    public static string SelectList(bool includeVectors)
    {
        var columns = new StringBuilder();
        foreach (var (_, column) in ChunkColumns.Data)
        {
            columns.Append(columns.Length == 0 ? string.Empty : ", ").Append("c.").Append(column);
        }

        return columns.Append(includeVectors ? ", c.embedding" : ", NULL::vector AS embedding").ToString();
    }

    /// <summary>ts_rank_cd's weights of the four labels (D, C, B, A): all 1, so each occurrence counts 1.</summary>
    private const string UnitWeights = "'{1,1,1,1}'::float4[]";

    /// <summary>Index of the first column after the record (distance or score), when a query adds one.</summary>
    public const int ExtraColumn = 10;

    public static ChunkRecord Read(NpgsqlDataReader reader) => new()
    {
        ChunkId = reader.GetString(0),
        DocumentId = reader.GetString(1),
        Title = reader.GetString(2),
        PublishedDate = reader.IsDBNull(3) ? null : reader.GetString(3),
        Ordinal = reader.GetInt32(4),
        StartOffset = reader.GetInt32(5),
        EndOffset = reader.GetInt32(6),
        Text = reader.GetString(7),
        Url = reader.IsDBNull(8) ? null : reader.GetString(8),
        Embedding = reader.IsDBNull(9) ? ReadOnlyMemory<float>.Empty : reader.GetFieldValue<Vector>(9).ToArray(),
    };

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static void Add(NpgsqlCommand command, object? value, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });

    /// <summary>Adds a positional parameter and returns its placeholder (<c>$n</c>).</summary>
    private static string Next(NpgsqlCommand command, object value, NpgsqlDbType? type = null)
    {
        var parameter = new NpgsqlParameter { Value = value };
        if (type is { } t)
        {
            parameter.NpgsqlDbType = t;
        }

        command.Parameters.Add(parameter);
        return "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    private static string TranslateFilter(Expression<Func<ChunkRecord, bool>> filter, NpgsqlCommand command) =>
        ChunkFilterTranslator.Translate(filter, value => Next(command, value), "c", ordinalCollation: "COLLATE \"C\"");
}
