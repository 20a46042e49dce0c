using Microsoft.Data.Sqlite;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>
/// The SQL of the document catalog, as parameterized commands: <c>documents</c> (one row per article,
/// with its full text, content hash and URL) and <c>index_meta</c> (embedding model, dimensions, schema
/// version, the corpus it was built from).
/// </summary>
internal static class SqliteCatalogCommandBuilder
{
    public const string DocumentsTable = "documents";
    public const string MetaTable = "index_meta";

    public static SqliteCommand CreateCatalog(SqliteConnection connection) => Command(connection, """
        CREATE TABLE IF NOT EXISTS "documents" (
            id TEXT NOT NULL PRIMARY KEY,
            title TEXT NOT NULL,
            published_date TEXT NULL,
            source_path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            indexed_at TEXT NOT NULL,
            url TEXT NULL
        );
        CREATE TABLE IF NOT EXISTS "index_meta" (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        """);

    public static SqliteCommand DropCatalog(SqliteConnection connection) => Command(connection, """
        DROP TABLE IF EXISTS "documents";
        DROP TABLE IF EXISTS "index_meta";
        """);

    /// <summary>Forgets every catalog row (their chunks are gone), so the next index run embeds them again.</summary>
    public static SqliteCommand DeleteAllDocuments(SqliteConnection connection) => Command(connection, """
        DELETE FROM "documents";
        """);

    public static SqliteCommand CountCatalogTables(SqliteConnection connection) => Command(connection, """
        SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('documents', 'index_meta');
        """);

    public static SqliteCommand SelectMeta(SqliteConnection connection) => Command(connection, """
        SELECT key, value FROM "index_meta";
        """);

    public static SqliteCommand UpsertMeta(SqliteConnection connection, string key, string value)
    {
        var command = Command(connection, """
            INSERT INTO "index_meta" (key, value) VALUES ($key, $value)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            """);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        return command;
    }

    public static SqliteCommand SelectDocumentHashes(SqliteConnection connection) => Command(connection, """
        SELECT id, content_hash FROM "documents";
        """);

    /// <summary>Inserts or replaces a catalog row; bind every parameter for each document.</summary>
    public static SqliteCommand UpsertDocument(SqliteConnection connection)
    {
        var command = Command(connection, """
            INSERT INTO "documents" (id, title, published_date, source_path, content_hash, text, indexed_at, url)
            VALUES ($id, $title, $published_date, $source_path, $content_hash, $text, $indexed_at, $url)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title,
                published_date = excluded.published_date,
                source_path = excluded.source_path,
                content_hash = excluded.content_hash,
                text = excluded.text,
                indexed_at = excluded.indexed_at,
                url = excluded.url;
            """);
        foreach (var name in (string[])["$id", "$title", "$published_date", "$source_path", "$content_hash", "$text", "$indexed_at", "$url"])
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    /// <summary>Sets the content hash of a catalog row and nothing else; bind <c>$id</c> and <c>$content_hash</c>.</summary>
    public static SqliteCommand UpdateDocumentHash(SqliteConnection connection)
    {
        var command = Command(connection, """UPDATE "documents" SET content_hash = $content_hash WHERE id = $id;""");
        command.Parameters.Add(new SqliteParameter("$id", SqliteType.Text));
        command.Parameters.Add(new SqliteParameter("$content_hash", SqliteType.Text));
        return command;
    }

    /// <summary>Deletes a catalog row; bind <c>$id</c>.</summary>
    public static SqliteCommand DeleteDocument(SqliteConnection connection)
    {
        var command = Command(connection, """DELETE FROM "documents" WHERE id = $id;""");
        command.Parameters.Add(new SqliteParameter("$id", SqliteType.Text));
        return command;
    }

    public static SqliteCommand SelectDocument(SqliteConnection connection, string id)
    {
        var command = Command(connection, """
            SELECT id, title, published_date, source_path, content_hash, text, indexed_at, url
            FROM "documents" WHERE id = $id;
            """);
        command.Parameters.AddWithValue("$id", id);
        return command;
    }

    public static SqliteCommand CountDocuments(SqliteConnection connection) => Command(connection, """
        SELECT count(*) FROM "documents";
        """);

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
