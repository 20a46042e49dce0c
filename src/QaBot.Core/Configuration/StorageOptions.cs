using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>
/// Where the index lives: one SQLite file (documents, chunks, vec0 vectors, FTS5 keyword index; the
/// default) or a PostgreSQL database with pgvector (chunks with a <c>vector</c> column and an HNSW index,
/// a <c>tsvector</c> keyword index, the catalog, and conversations), shared by several bot replicas.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "QaBot:Storage";

    /// <summary><see cref="StorageProviders.Sqlite"/> (default) or <see cref="StorageProviders.Postgres"/>.</summary>
    [Required]
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>
    /// SQLite: the database file; relative paths are resolved against the QaBot root. Empty (the default):
    /// one file per corpus, <c>data/corpora/…</c>, chosen by <see cref="CorpusIdentity"/> when the options are read.
    /// </summary>
    [Required]
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>Name of the chunk collection (tables are prefixed with it).</summary>
    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$")]
    public string CollectionName { get; set; } = "chunks";

    /// <summary>SQLite: path of sqlite-vec's loadable extension; empty means "native/vec0.so" beside the app.</summary>
    public string? VecExtensionPath { get; set; }

    /// <summary>
    /// PostgreSQL: an Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>). Keep the
    /// password in user secrets or the environment (<c>QaBot__Storage__ConnectionString</c>), never in a committed file.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL: the schema QaBot's tables live in (created on first use), so several indexes can share a database.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]*$")]
    public string Schema { get; set; } = "qabot";
}
