using System.Data;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Npgsql;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Storage.Postgres;

/// <summary>
/// The chunk collection in PostgreSQL with pgvector: one table with a <c>vector(D)</c> column under an
/// HNSW index (cosine) and a <c>tsvector</c> column of the analyzer's terms under a GIN index
/// (<see cref="PostgresCommandBuilder"/>). Keyword matches are ranked by BM25 exactly as FTS5 ranks them
/// on the SQLite engine (same terms, same statistics, same formula), so both engines return the same
/// keyword list; the vector list is the HNSW index's approximate one (sqlite-vec's is exact).
/// </summary>
/// <remarks>
/// Reads run in a <c>REPEATABLE READ</c> transaction, so the two lists and the statistics of
/// <see cref="SearchCandidatesAsync"/> come from one snapshot while writers go on (MVCC). A collection made
/// by <see cref="PostgresIndexCatalog.BeginWriteAsync"/> works inside that write transaction.
/// </remarks>
public sealed class PostgresChunkCollection : VectorStoreCollection<string, ChunkRecord>, IHybridCandidateSource
{
    /// <summary>Rows per upsert statement (each one an array per column).</summary>
    private const int RowsPerStatement = 500;

    private readonly PostgresDatabase _database;
    private readonly VectorStoreCollectionMetadata _metadata;
    private readonly NpgsqlConnection? _boundConnection;
    private readonly NpgsqlTransaction? _boundTransaction;

    public PostgresChunkCollection(PostgresDatabase database, string name, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(database);
        _ = PostgresCommandBuilder.Quote(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _database = database;
        Name = name;
        Dimensions = dimensions;
        _metadata = new VectorStoreCollectionMetadata
        {
            VectorStoreSystemName = "postgresql",
            VectorStoreName = database.Location,
            CollectionName = name,
        };
    }

    /// <summary>The same collection, working inside a write transaction the caller owns.</summary>
    internal PostgresChunkCollection(PostgresDatabase database, string name, int dimensions, NpgsqlConnection connection, NpgsqlTransaction transaction)
        : this(database, name, dimensions)
    {
        _boundConnection = connection;
        _boundTransaction = transaction;
    }

    public override string Name { get; }

    /// <summary>Dimension of the vectors this collection stores and searches with.</summary>
    public int Dimensions { get; }

    private string Schema => _database.Schema;

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        RunAsync("CollectionExists", async (connection, _) =>
        {
            await using var command = PostgresCommandBuilder.Command(connection, "SELECT to_regclass($1) IS NOT NULL;", PostgresCommandBuilder.Table(Schema, Name));
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, write: false, cancellationToken);

    /// <summary>Creates the table, its indexes and totals if missing; a table with another dimension is an <see cref="IndexMismatchException"/>.</summary>
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        RunAsync("EnsureCollectionExists", async (connection, _) =>
        {
            await EnsureCollectionExistsAsync(connection, cancellationToken).ConfigureAwait(false);
            return true;
        }, write: true, cancellationToken);

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        RunAsync("EnsureCollectionDeleted", async (connection, _) =>
        {
            await using var command = PostgresCommandBuilder.Command(connection, PostgresCommandBuilder.DropCollectionSql(Schema, Name));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, write: true, cancellationToken);

    public override async Task<ChunkRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var records = await GetManyAsync([key], options?.IncludeVectors ?? false, cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    public override async IAsyncEnumerable<ChunkRecord> GetAsync(
        IEnumerable<string> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var record in await GetManyAsync(keys.ToList(), options?.IncludeVectors ?? false, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>Chunks matching a filter (e.g. <c>r =&gt; r.DocumentId == id</c>), in document and ordinal order.</summary>
    public override async IAsyncEnumerable<ChunkRecord> GetAsync(
        Expression<Func<ChunkRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<ChunkRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (options?.OrderBy is not null)
        {
            throw new NotSupportedException("OrderBy is not supported: chunks come back in document and ordinal order.");
        }

        var records = await RunAsync("Get", async (connection, transaction) =>
        {
            await using var command = PostgresCommandBuilder.SelectWhere(connection, Schema, Name, filter, top, options?.Skip ?? 0, options?.IncludeVectors ?? false);
            command.Transaction = transaction;
            return await ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
        }, write: false, cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
        {
            yield return record;
        }
    }

    public override Task UpsertAsync(ChunkRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <summary>Inserts or replaces the records in one transaction (the batch's, when bound to one); a repeated key keeps its last record.</summary>
    public override async Task UpsertAsync(IEnumerable<ChunkRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var latest = new Dictionary<string, ChunkRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            Validate(record);
            latest.Remove(record.ChunkId);
            latest[record.ChunkId] = record;
        }

        if (latest.Count == 0)
        {
            return;
        }

        await RunAsync("Upsert", async (connection, transaction) =>
        {
            foreach (var slice in latest.Values.Chunk(RowsPerStatement))
            {
                await using var command = PostgresCommandBuilder.Upsert(connection, Schema, Name, slice);
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, write: true, cancellationToken).ConfigureAwait(false);
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return DeleteAsync([key], cancellationToken);
    }

    /// <summary>Deletes the chunks in one transaction; missing keys are ignored.</summary>
    public override async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        await RunAsync("Delete", async (connection, transaction) =>
        {
            await using var command = PostgresCommandBuilder.Delete(connection, Schema, Name, ids);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, write: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Nearest chunks to a vector through the HNSW index (with a filter, pgvector's iterative scan).
    /// <see cref="VectorSearchResult{TRecord}.Score"/> is the cosine similarity, 1 − cosine distance.
    /// </summary>
    public override async IAsyncEnumerable<VectorSearchResult<ChunkRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<ChunkRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var vector = ToVector(searchValue);
        var skip = options?.Skip ?? 0;
        ValidateSearch(vector, top, skip);
        var results = await RunAsync("Search", (connection, transaction) => ReadNearestAsync(
            connection, transaction, vector, top, skip, options?.Filter, options?.IncludeVectors ?? false, options?.ScoreThreshold, cancellationToken),
            write: false, cancellationToken).ConfigureAwait(false);
        foreach (var result in results)
        {
            yield return result;
        }
    }

    /// <summary>
    /// The candidates of hybrid retrieval from one snapshot (<see cref="IHybridCandidateSource"/>): the
    /// HNSW neighbours, the statistics of the query's words and phrases and of <paramref name="statisticsTerms"/>,
    /// and the BM25 matches scored with those statistics.
    /// </summary>
    public Task<HybridCandidates> SearchCandidatesAsync(
        ReadOnlyMemory<float>? vector,
        int vectorTop,
        string keywordQuery,
        int keywordTop,
        IReadOnlyCollection<string>? statisticsTerms = null,
        Expression<Func<ChunkRecord, bool>>? filter = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keywordQuery);
        ArgumentOutOfRangeException.ThrowIfLessThan(keywordTop, 1);
        if (vector is { } v)
        {
            ValidateSearch(v, vectorTop, 0);
        }

        var query = KeywordQuery.FromUserText(keywordQuery);
        var terms = statisticsTerms?.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList() ?? [];

        // Every word and phrase the BM25 scores need, then the statistics terms not among them.
        var items = query?.Terms.Select(TsText.Query).Where(q => q.Length > 0).ToList() ?? [];
        var termItems = terms.Select(t => TsText.Query([t])).ToList();
        var allItems = items.Concat(termItems).Distinct(StringComparer.Ordinal).ToArray();

        return RunAsync("SearchCandidates", async (connection, transaction) =>
        {
            IReadOnlyList<VectorSearchResult<ChunkRecord>> nearest = vector is { } q
                ? await ReadNearestAsync(connection, transaction, q, vectorTop, 0, filter, false, null, cancellationToken).ConfigureAwait(false)
                : [];

            var (chunkCount, termCount, frequencies) = await ReadStatisticsAsync(connection, transaction, allItems, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<KeywordSearchResult> keywords = [];
            if (items.Count > 0 && chunkCount > 0)
            {
                var idfs = items.Select(i => Idf(chunkCount, frequencies[i])).ToArray();
                await using var command = PostgresCommandBuilder.SelectKeywordMatches(
                    connection, Schema, Name, TsText.AnyOf(query!), [.. items], idfs, (double)termCount / chunkCount, keywordTop, filter);
                command.Transaction = transaction;
                var matches = new List<KeywordSearchResult>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    matches.Add(new KeywordSearchResult(PostgresCommandBuilder.Read(reader), reader.GetDouble(PostgresCommandBuilder.ExtraColumn)));
                }

                keywords = matches;
            }

            var statistics = new TermStatistics(
                chunkCount,
                terms.Select((t, i) => (Term: t, Count: frequencies[termItems[i]])).Where(x => x.Count > 0).ToDictionary(x => x.Term, x => x.Count, StringComparer.Ordinal));
            return new HybridCandidates(nearest, keywords, statistics);
        }, write: false, cancellationToken);
    }

    /// <summary>Number of chunks stored.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        RunAsync("Count", async (connection, transaction) =>
        {
            await using var command = PostgresCommandBuilder.CountChunks(connection, Schema, Name);
            command.Transaction = transaction;
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, write: false, cancellationToken);

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Creates the table when it is missing (on a connection inside the caller's transaction); checks the dimension of an existing one.</summary>
    internal async Task<bool> EnsureCollectionExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var dimensions = PostgresCommandBuilder.SelectDimensions(connection, Schema, Name))
        {
            if (await dimensions.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int stored)
            {
                if (stored != Dimensions)
                {
                    throw new IndexMismatchException(
                        $"The index in {_database.Location} stores {stored}-dimension vectors but the configured embedding model makes {Dimensions}. "
                        + "Run `qabot index --rebuild` to re-index with the configured model.");
                }

                return false;
            }
        }

        await using var create = PostgresCommandBuilder.Command(connection, PostgresCommandBuilder.CreateCollectionSql(Schema, Name, Dimensions));
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>FTS5's BM25 idf: log((N − n + 0.5) / (n + 0.5)), and a tiny positive value where that is not positive.</summary>
    internal static double Idf(long chunks, long frequency)
    {
        var idf = Math.Log((chunks - frequency + 0.5) / (frequency + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }

    private async Task<(long Chunks, long Terms, Dictionary<string, long> Frequencies)> ReadStatisticsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string[] items, CancellationToken cancellationToken)
    {
        long chunks = 0, terms = 0;
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = PostgresCommandBuilder.SelectStatistics(connection, Schema, Name, items);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var item = reader.GetInt64(0);
            if (item == 0)
            {
                chunks = reader.GetInt64(1);
                terms = reader.GetInt64(2);
            }
            else
            {
                frequencies[items[item - 1]] = reader.GetInt64(1);
            }
        }

        return (chunks, terms, frequencies);
    }

    private async Task<IReadOnlyList<ChunkRecord>> GetManyAsync(IReadOnlyList<string> keys, bool includeVectors, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var records = await RunAsync("Get", async (connection, transaction) =>
        {
            await using var command = PostgresCommandBuilder.SelectByChunkIds(connection, Schema, Name, keys.Distinct(StringComparer.Ordinal).ToArray(), includeVectors);
            command.Transaction = transaction;
            return await ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
        }, write: false, cancellationToken).ConfigureAwait(false);

        // The caller's order; a repeated key once, at its first place.
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            order.TryAdd(keys[i], i);
        }

        return [.. records.OrderBy(r => order[r.ChunkId])];
    }

    private async Task<List<VectorSearchResult<ChunkRecord>>> ReadNearestAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        ReadOnlyMemory<float> vector,
        int top,
        int skip,
        Expression<Func<ChunkRecord, bool>>? filter,
        bool includeVectors,
        double? scoreThreshold,
        CancellationToken cancellationToken)
    {
        await using (var configure = PostgresCommandBuilder.ConfigureVectorSearch(connection, top + skip, filter is not null))
        {
            configure.Transaction = transaction;
            await configure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var results = new List<VectorSearchResult<ChunkRecord>>(top);
        await using var command = PostgresCommandBuilder.SelectNearest(connection, Schema, Name, vector, top, skip, filter, includeVectors);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var similarity = 1.0 - reader.GetDouble(PostgresCommandBuilder.ExtraColumn);
            if (scoreThreshold is { } threshold && similarity < threshold)
            {
                continue;
            }

            results.Add(new VectorSearchResult<ChunkRecord>(PostgresCommandBuilder.Read(reader), similarity));
        }

        return results;
    }

    private static async Task<List<ChunkRecord>> ReadRecordsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<ChunkRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(PostgresCommandBuilder.Read(reader));
        }

        return records;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the bound transaction, or on a pooled connection in a transaction of
    /// its own (<c>REPEATABLE READ</c> for reads, so several statements share one snapshot) that commits.
    /// PostgreSQL errors are wrapped with the operation.
    /// </summary>
    private async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> work, bool write, CancellationToken cancellationToken)
    {
        try
        {
            if (_boundConnection is not null)
            {
                return await work(_boundConnection, _boundTransaction).ConfigureAwait(false);
            }

            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(
                write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (PostgresException ex)
        {
            throw StorageException.Wrap(ex, operation, Name, "postgresql");
        }
    }

    private void Validate(ChunkRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.ChunkId, nameof(record));
        if (record.Embedding.Length != Dimensions)
        {
            throw new ArgumentException(
                $"Chunk '{record.ChunkId}' has a {record.Embedding.Length}-dimension embedding; the collection '{Name}' stores {Dimensions}.",
                nameof(record));
        }
    }

    private void ValidateSearch(ReadOnlyMemory<float> vector, int top, int skip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"The query vector has {vector.Length} dimensions; the collection '{Name}' stores {Dimensions}.", nameof(vector));
        }
    }

    private static ReadOnlyMemory<float> ToVector<TInput>(TInput searchValue) => searchValue switch
    {
        null => throw new ArgumentNullException(nameof(searchValue)),
        ReadOnlyMemory<float> memory => memory,
        float[] array => array,
        Embedding<float> embedding => embedding.Vector,
        _ => throw new NotSupportedException(
            $"Search input of type {typeof(TInput).Name} is not supported; pass a ReadOnlyMemory<float>, float[] or Embedding<float> (embed text first)."),
    };
}
