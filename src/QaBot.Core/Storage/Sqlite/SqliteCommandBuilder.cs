using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>
/// The SQL of the chunk collection, as parameterized commands. For a collection named <c>chunks</c>:
/// <list type="bullet">
/// <item><c>chunks</c>: one row per chunk, <c>rowid INTEGER PRIMARY KEY</c>, <c>chunk_id</c> unique.</item>
/// <item><c>chunks_vec</c>: sqlite-vec <c>vec0</c> table, <c>embedding float[D] distance_metric=cosine</c>, same rowid.</item>
/// <item><c>chunks_fts</c>: a contentless FTS5 index of the analyzed terms of <c>chunks.text</c>
/// (<see cref="Text.TermAnalyzer.IndexTerms"/>, through the SQL function <c>qabot_terms</c> that every
/// connection registers), same rowid, kept in step by triggers: the keyword index, its statistics and the
/// answer step see the same terms.</item>
/// </list>
/// Table names are validated identifiers (<see cref="ValidateName"/>); every value is a parameter.
/// </summary>
internal static class SqliteCommandBuilder
{
    /// <summary>Record properties and their columns, in the order every SELECT returns them (after rowid).</summary>
    internal static IReadOnlyList<(string Property, string Column)> DataColumns => ChunkColumns.Data;

    /// <summary>The SQL function that analyzes text into index terms (registered by <see cref="SqliteConnectionFactory"/>).</summary>
    internal const string AnalyzerFunction = "qabot_terms";

    /// <summary>sqlite-vec's upper limit for <c>k</c> in a KNN query.</summary>
    internal const int MaxKnnK = 4096;

    public static string VecTable(string name) => name + "_vec";

    public static string FtsTable(string name) => name + "_fts";

    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name)
            || !(char.IsAsciiLetter(name[0]) || name[0] == '_')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a valid collection name (letters, digits and '_', not starting with a digit).", nameof(name));
        }
    }

    public static SqliteCommand CreateCollection(SqliteConnection connection, string name, int dimensions)
    {
        ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var vec = VecTable(name);
        var fts = FtsTable(name);
        return Command(connection, $"""
            CREATE TABLE IF NOT EXISTS "{name}" (
                rowid INTEGER PRIMARY KEY,
                chunk_id TEXT NOT NULL UNIQUE,
                document_id TEXT NOT NULL,
                title TEXT NOT NULL,
                published_date TEXT NULL,
                ordinal INTEGER NOT NULL,
                start_offset INTEGER NOT NULL,
                end_offset INTEGER NOT NULL,
                text TEXT NOT NULL,
                url TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS "{name}_document_id" ON "{name}" (document_id, ordinal);
            CREATE VIRTUAL TABLE IF NOT EXISTS "{vec}" USING vec0(embedding float[{dimensions.ToString(CultureInfo.InvariantCulture)}] distance_metric=cosine);
            CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5(terms, content='', tokenize='unicode61 remove_diacritics 0');
            CREATE TRIGGER IF NOT EXISTS "{name}_fts_insert" AFTER INSERT ON "{name}" BEGIN
                INSERT INTO "{fts}" (rowid, terms) VALUES (new.rowid, {AnalyzerFunction}(new.text));
            END;
            CREATE TRIGGER IF NOT EXISTS "{name}_fts_delete" AFTER DELETE ON "{name}" BEGIN
                INSERT INTO "{fts}" ("{fts}", rowid, terms) VALUES ('delete', old.rowid, {AnalyzerFunction}(old.text));
            END;
            CREATE TRIGGER IF NOT EXISTS "{name}_fts_update" AFTER UPDATE OF text ON "{name}" BEGIN
                INSERT INTO "{fts}" ("{fts}", rowid, terms) VALUES ('delete', old.rowid, {AnalyzerFunction}(old.text));
                INSERT INTO "{fts}" (rowid, terms) VALUES (new.rowid, {AnalyzerFunction}(new.text));
            END;
            """);
    }

    public static SqliteCommand DropCollection(SqliteConnection connection, string name)
    {
        ValidateName(name);
        return Command(connection, $"""
            DROP TRIGGER IF EXISTS "{name}_fts_insert";
            DROP TRIGGER IF EXISTS "{name}_fts_delete";
            DROP TRIGGER IF EXISTS "{name}_fts_update";
            DROP TABLE IF EXISTS "{FtsTable(name)}";
            DROP TABLE IF EXISTS "{VecTable(name)}";
            DROP TABLE IF EXISTS "{name}";
            """);
    }

    /// <summary>Counts how many of the collection's three tables exist (3 means the collection exists).</summary>
    public static SqliteCommand CountCollectionTables(SqliteConnection connection, string name)
    {
        ValidateName(name);
        var command = Command(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ($data, $vec, $fts);");
        command.Parameters.AddWithValue("$data", name);
        command.Parameters.AddWithValue("$vec", VecTable(name));
        command.Parameters.AddWithValue("$fts", FtsTable(name));
        return command;
    }

    /// <summary>Declared dimension of the vec0 table, read from its CREATE statement (null when absent).</summary>
    public static SqliteCommand SelectVecTableSql(SqliteConnection connection, string name)
    {
        ValidateName(name);
        var command = Command(connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $vec;");
        command.Parameters.AddWithValue("$vec", VecTable(name));
        return command;
    }

    /// <summary>
    /// Inserts a chunk row unless its chunk_id exists, returning the new rowid (no row when it existed);
    /// the FTS5 insert trigger follows.
    /// </summary>
    public static SqliteCommand InsertChunkIfAbsent(SqliteConnection connection, string name)
    {
        ValidateName(name);
        return WithChunkParameters(Command(connection, $"""
            INSERT INTO "{name}" (chunk_id, document_id, title, published_date, ordinal, start_offset, end_offset, text, url)
            VALUES ($chunk_id, $document_id, $title, $published_date, $ordinal, $start_offset, $end_offset, $text, $url)
            ON CONFLICT (chunk_id) DO NOTHING
            RETURNING rowid;
            """));
    }

    /// <summary>Updates the chunk row with this chunk_id and returns its rowid (the FTS5 update trigger follows).</summary>
    public static SqliteCommand UpdateChunk(SqliteConnection connection, string name)
    {
        ValidateName(name);
        return WithChunkParameters(Command(connection, $"""
            UPDATE "{name}" SET
                document_id = $document_id,
                title = $title,
                published_date = $published_date,
                ordinal = $ordinal,
                start_offset = $start_offset,
                end_offset = $end_offset,
                text = $text,
                url = $url
            WHERE chunk_id = $chunk_id
            RETURNING rowid;
            """));
    }

    private static SqliteCommand WithChunkParameters(SqliteCommand command)
    {
        foreach (var (_, column) in DataColumns)
        {
            command.Parameters.Add(new SqliteParameter("$" + column, null));
        }

        return command;
    }

    public static void BindChunk(SqliteCommand command, ChunkRecord record)
    {
        command.Parameters["$chunk_id"].Value = record.ChunkId;
        command.Parameters["$document_id"].Value = record.DocumentId;
        command.Parameters["$title"].Value = record.Title;
        command.Parameters["$published_date"].Value = (object?)record.PublishedDate ?? DBNull.Value;
        command.Parameters["$ordinal"].Value = record.Ordinal;
        command.Parameters["$start_offset"].Value = record.StartOffset;
        command.Parameters["$end_offset"].Value = record.EndOffset;
        command.Parameters["$text"].Value = record.Text;
        command.Parameters["$url"].Value = (object?)record.Url ?? DBNull.Value;
    }

    /// <summary>Inserts a vector; bind <c>$rowid</c> and <c>$embedding</c> (little-endian float32 blob).</summary>
    public static SqliteCommand InsertVector(SqliteConnection connection, string name)
    {
        ValidateName(name);
        var command = Command(connection, $"""INSERT INTO "{VecTable(name)}" (rowid, embedding) VALUES ($rowid, $embedding);""");
        command.Parameters.Add(new SqliteParameter("$rowid", SqliteType.Integer));
        command.Parameters.Add(new SqliteParameter("$embedding", SqliteType.Blob));
        return command;
    }

    /// <summary>Deletes a vector by rowid; bind <c>$rowid</c>.</summary>
    public static SqliteCommand DeleteVector(SqliteConnection connection, string name)
    {
        ValidateName(name);
        var command = Command(connection, $"""DELETE FROM "{VecTable(name)}" WHERE rowid = $rowid;""");
        command.Parameters.Add(new SqliteParameter("$rowid", SqliteType.Integer));
        return command;
    }

    /// <summary>Deletes a chunk row by chunk_id and returns its rowid; bind <c>$chunk_id</c>.</summary>
    public static SqliteCommand DeleteChunk(SqliteConnection connection, string name)
    {
        ValidateName(name);
        var command = Command(connection, $"""DELETE FROM "{name}" WHERE chunk_id = $chunk_id RETURNING rowid;""");
        command.Parameters.Add(new SqliteParameter("$chunk_id", SqliteType.Text));
        return command;
    }

    public static SqliteCommand SelectByChunkIds(SqliteConnection connection, string name, IReadOnlyList<string> chunkIds, bool includeVectors)
    {
        ValidateName(name);
        var command = connection.CreateCommand();
        var placeholders = new StringBuilder();
        for (var i = 0; i < chunkIds.Count; i++)
        {
            var parameter = "$k" + i.ToString(CultureInfo.InvariantCulture);
            placeholders.Append(i == 0 ? string.Empty : ", ").Append(parameter);
            command.Parameters.AddWithValue(parameter, chunkIds[i]);
        }

        command.CommandText = $"""
            SELECT {SelectList(name, "c", includeVectors)}
            FROM "{name}" AS c
            WHERE c.chunk_id IN ({placeholders});
            """;
        return command;
    }

    public static SqliteCommand SelectWhere(
        SqliteConnection connection, string name, Expression<Func<ChunkRecord, bool>> filter, int top, int skip, bool includeVectors)
    {
        ValidateName(name);
        var command = connection.CreateCommand();
        var where = TranslateFilter(filter, command);
        command.CommandText = $"""
            SELECT {SelectList(name, "c", includeVectors)}
            FROM "{name}" AS c
            WHERE {where}
            ORDER BY c.document_id, c.ordinal
            LIMIT $top OFFSET $skip;
            """;
        command.Parameters.AddWithValue("$top", top);
        command.Parameters.AddWithValue("$skip", skip);
        return command;
    }

    /// <summary>
    /// KNN over the vec0 index: <c>embedding MATCH $vector AND k = $k</c>, nearest first. The last
    /// column is the cosine distance (0 = same direction, 2 = opposite).
    /// </summary>
    public static SqliteCommand SelectNearest(SqliteConnection connection, string name, byte[] vector, int top, int skip, bool includeVectors)
    {
        ValidateName(name);
        var command = Command(connection, $"""
            WITH knn AS (
                SELECT rowid, distance FROM "{VecTable(name)}"
                WHERE embedding MATCH $vector AND k = $k
            )
            SELECT {SelectList(name, "c", includeVectors)}, knn.distance
            FROM knn JOIN "{name}" AS c ON c.rowid = knn.rowid
            ORDER BY knn.distance
            LIMIT $top OFFSET $skip;
            """);
        command.Parameters.AddWithValue("$vector", vector);
        command.Parameters.AddWithValue("$k", top + skip);
        command.Parameters.AddWithValue("$top", top);
        command.Parameters.AddWithValue("$skip", skip);
        return command;
    }

    /// <summary>
    /// Exact nearest neighbours among the rows a filter selects (vec0's index cannot filter on the
    /// chunk table's columns): <c>vec_distance_cosine</c> over the filtered rows, nearest first.
    /// </summary>
    public static SqliteCommand SelectNearestWhere(
        SqliteConnection connection, string name, byte[] vector, Expression<Func<ChunkRecord, bool>> filter, int top, int skip, bool includeVectors)
    {
        ValidateName(name);
        var command = connection.CreateCommand();
        var where = TranslateFilter(filter, command);
        command.CommandText = $"""
            SELECT {SelectList(name, "c", includeVectors)}, vec_distance_cosine(v.embedding, $vector) AS distance
            FROM "{name}" AS c JOIN "{VecTable(name)}" AS v ON v.rowid = c.rowid
            WHERE {where}
            ORDER BY distance
            LIMIT $top OFFSET $skip;
            """;
        command.Parameters.AddWithValue("$vector", vector);
        command.Parameters.AddWithValue("$top", top);
        command.Parameters.AddWithValue("$skip", skip);
        return command;
    }

    /// <summary>
    /// BM25 keyword search over FTS5. <paramref name="matchExpression"/> must come from
    /// <see cref="Fts5Query"/>. The last column is FTS5's <c>bm25()</c> (more negative = better).
    /// Without a filter the top rows are picked from the FTS5 table alone and only they are joined to
    /// the chunk rows: joining and sorting every match with its chunk text made the query 1.4–2.9×
    /// slower on the Reuters benchmark (37k chunks).
    /// </summary>
    public static SqliteCommand SelectKeywordMatches(
        SqliteConnection connection, string name, string matchExpression, int top, Expression<Func<ChunkRecord, bool>>? filter, bool includeVectors)
    {
        ValidateName(name);
        var fts = FtsTable(name);
        var command = connection.CreateCommand();
        var where = filter is null ? string.Empty : " AND " + TranslateFilter(filter, command);
        command.CommandText = filter is null
            ? $"""
            WITH hits AS (
                SELECT rowid, bm25("{fts}") AS score FROM "{fts}"
                WHERE "{fts}" MATCH $match
                ORDER BY score
                LIMIT $top
            )
            SELECT {SelectList(name, "c", includeVectors)}, hits.score
            FROM hits JOIN "{name}" AS c ON c.rowid = hits.rowid
            ORDER BY hits.score;
            """
            : $"""
            SELECT {SelectList(name, "c", includeVectors)}, bm25("{fts}") AS score
            FROM "{fts}" AS f JOIN "{name}" AS c ON c.rowid = f.rowid
            WHERE "{fts}" MATCH $match{where}
            ORDER BY score
            LIMIT $top;
            """;
        command.Parameters.AddWithValue("$match", matchExpression);
        command.Parameters.AddWithValue("$top", top);
        return command;
    }

    public static SqliteCommand CountChunks(SqliteConnection connection, string name)
    {
        ValidateName(name);
        return Command(connection, $"""SELECT count(*) FROM "{name}";""");
    }

    /// <summary>The filter as a condition on the chunk table (alias <c>c</c>), its values bound as <c>$f0</c>, <c>$f1</c>, ….</summary>
    private static string TranslateFilter(Expression<Func<ChunkRecord, bool>> filter, SqliteCommand command) =>
        ChunkFilterTranslator.Translate(
            filter,
            value =>
            {
                var parameter = "$f" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(parameter, value);
                return parameter;
            },
            "c");

    private static string SelectList(string name, string alias, bool includeVectors)
    {
        var columns = new StringBuilder($"{alias}.rowid");
        foreach (var (_, column) in DataColumns)
        {
            columns.Append(", ").Append(alias).Append('.').Append(column);
        }

        columns.Append(includeVectors
            ? $""", (SELECT embedding FROM "{VecTable(name)}" WHERE rowid = {alias}.rowid) AS embedding"""
            : ", NULL AS embedding");
        return columns.ToString();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>An fts5vocab view of the keyword index in the temp schema: term → number of chunks containing it.</summary>
    public static SqliteCommand CreateTempVocabulary(SqliteConnection connection, string name)
    {
        ValidateName(name);
        var command = connection.CreateCommand();
        command.CommandText = $"""CREATE VIRTUAL TABLE IF NOT EXISTS temp."{FtsTable(name)}_vocab" USING fts5vocab(main, "{FtsTable(name)}", 'row');""";
        return command;
    }

    /// <summary>Chunk frequency of each given (stemmed) term; terms in no chunk return no row.</summary>
    public static SqliteCommand SelectTermFrequencies(SqliteConnection connection, string name, IReadOnlyList<string> terms)
    {
        ValidateName(name);
        var command = connection.CreateCommand();
        var parameters = new string[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            parameters[i] = "$t" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(parameters[i], terms[i]);
        }

        command.CommandText = $"""SELECT term, doc FROM temp."{FtsTable(name)}_vocab" WHERE term IN ({string.Join(", ", parameters)});""";
        return command;
    }
}
