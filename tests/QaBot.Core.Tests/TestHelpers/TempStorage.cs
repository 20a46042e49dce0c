using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Storage;
using QaBot.Core.Storage.Sqlite;
using QaBot.Testing;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>A QaBot root in a temp folder with a real SQLite file and the real sqlite-vec (native/vec0.so).</summary>
public sealed class TempStorage : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <param name="collectionName">Prefix of the chunk tables.</param>
    /// <param name="cacheKibibytes">SQLite page cache per connection; small values make big transactions spill into the WAL.</param>
    public TempStorage(string collectionName = "chunks", int? cacheKibibytes = null)
    {
        Root = new QaBotRoot(RootPath);
        Options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = "data/qabot.db", CollectionName = collectionName });
        Connections = cacheKibibytes is { } cache
            ? new SqliteConnectionFactory(Options, Root) { CacheKibibytes = cache }
            : new SqliteConnectionFactory(Options, Root);
        if (!File.Exists(Connections.ExtensionPath))
        {
            throw new InvalidOperationException($"sqlite-vec is missing at {Connections.ExtensionPath}: the storage tests need the real vec0.so (run dotnet build).");
        }
    }

    public string RootPath => _folder.Path;

    public QaBotRoot Root { get; }

    public IOptions<StorageOptions> Options { get; }

    public SqliteConnectionFactory Connections { get; }

    public string CollectionName => Options.Value.CollectionName;

    public SqliteIndexCatalog CreateStore() =>
        new(Connections, Options, NullLogger<SqliteIndexCatalog>.Instance, TimeProvider.System);

    /// <summary>
    /// The real indexer over this storage (or over <paramref name="store"/>), reading the corpus folder
    /// <paramref name="corpusPath"/> (relative to the root, or absolute) through <paramref name="loader"/>.
    /// </summary>
    public CorpusIndexer CreateIndexer(
        ICorpusLoader loader,
        ITextChunker chunker,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        int batchSize = 8,
        IIndexCatalog? store = null,
        string corpusPath = "corpus") => new(
            loader,
            chunker,
            generator,
            store ?? CreateStore(),
            Microsoft.Extensions.Options.Options.Create(new CorpusOptions { Path = corpusPath }),
            Microsoft.Extensions.Options.Options.Create(new EmbeddingOptions { BatchSize = batchSize }),
            Root,
            NullLogger<CorpusIndexer>.Instance);

    public SqliteVecChunkCollection CreateCollection(int dimensions) => new(Connections, CollectionName, dimensions);

    /// <summary>Rows in the chunk table, the vec0 table and the FTS5 index (its docsize shadow table).</summary>
    public async Task<(long Data, long Vectors, long Fts)> CountRowsAsync()
    {
        await using var connection = await Connections.OpenAsync();
        return (
            await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}\""),
            await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}_vec\""),
            await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}_fts_docsize\""));
    }

    /// <summary>Throws when the FTS5 index does not match the chunk table, or the three tables disagree on rowids.</summary>
    public async Task AssertConsistentAsync()
    {
        await using var connection = await Connections.OpenAsync();
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = $"INSERT INTO \"{CollectionName}_fts\" (\"{CollectionName}_fts\") VALUES ('integrity-check');";
            await check.ExecuteNonQueryAsync();
        }

        var orphanVectors = await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}_vec\" v WHERE NOT EXISTS (SELECT 1 FROM \"{CollectionName}\" c WHERE c.rowid = v.rowid)");
        var missingVectors = await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}\" c WHERE NOT EXISTS (SELECT 1 FROM \"{CollectionName}_vec\" v WHERE v.rowid = c.rowid)");
        var orphanChunks = await ScalarAsync(connection, $"SELECT count(*) FROM \"{CollectionName}\" c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.document_id)");
        if (orphanVectors + missingVectors + orphanChunks != 0)
        {
            throw new InvalidOperationException($"Inconsistent index: {orphanVectors} orphan vectors, {missingVectors} chunks without vectors, {orphanChunks} chunks without a document.");
        }
    }

    /// <summary>Every chunk as "id|offsets|text|vector", in document and ordinal order: equal lists mean equal indexes.</summary>
    public async Task<List<string>> ChunkFingerprintsAsync(int dimensions)
    {
        var chunks = await CreateCollection(dimensions).GetAsync(r => r.ChunkId != "", 100_000, new() { IncludeVectors = true }).ToListAsync();
        return chunks.Select(c => $"{c.ChunkId}|{c.StartOffset}-{c.EndOffset}|{c.Text}|{string.Join(',', c.Embedding.ToArray())}").ToList();
    }

    public static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        // Only this database's pool: clearing all pools would close other tests' idle connections,
        // and closing the last connection checkpoints and deletes a WAL another test may be inspecting.
        using (var connection = new SqliteConnection(Connections.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _folder.Dispose();
    }
}
