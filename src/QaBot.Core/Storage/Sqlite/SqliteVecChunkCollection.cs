using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>
/// The chunk collection over one SQLite file: a chunk table, a sqlite-vec <c>vec0</c> table for KNN
/// (cosine) and an FTS5 table for BM25, all keyed by the chunk row's rowid (the storage approach of
/// Semantic Kernel's SqliteVec connector, plus keyword search). The SQL lives in
/// <see cref="SqliteCommandBuilder"/>.
/// </summary>
/// <remarks>
/// <para>
/// Scores: <see cref="SearchAsync{TInput}"/> returns the cosine similarity (1 − sqlite-vec's cosine
/// distance, higher is better); the keyword list of <see cref="SearchCandidatesAsync"/> returns −bm25
/// (higher is better).
/// </para>
/// <para>
/// A collection made by <see cref="SqliteIndexCatalog.BeginWriteAsync"/> is bound to that write
/// transaction: everything it does runs inside it, and nothing is committed until the batch is.
/// </para>
/// </remarks>
public sealed partial class SqliteVecChunkCollection : VectorStoreCollection<string, ChunkRecord>, IHybridCandidateSource
{
    private readonly SqliteConnectionFactory _connections;
    private readonly VectorStoreCollectionMetadata _metadata;
    private readonly SqliteConnection? _boundConnection;
    private readonly SqliteTransaction? _boundTransaction;
    private ChunkWriter? _boundWriter;

    public SqliteVecChunkCollection(SqliteConnectionFactory connections, string name, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(connections);
        SqliteCommandBuilder.ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);

        _connections = connections;
        Name = name;
        Dimensions = dimensions;
        _metadata = new VectorStoreCollectionMetadata
        {
            VectorStoreSystemName = "sqlite",
            VectorStoreName = connections.DatabasePath,
            CollectionName = name,
        };
    }

    /// <summary>The same collection, working inside a write transaction the caller owns.</summary>
    internal SqliteVecChunkCollection(SqliteConnectionFactory connections, string name, int dimensions, SqliteConnection connection, SqliteTransaction transaction)
        : this(connections, name, dimensions)
    {
        _boundConnection = connection;
        _boundTransaction = transaction;
    }

    public override string Name { get; }

    /// <summary>Dimension of the vectors this collection stores and searches with.</summary>
    public int Dimensions { get; }

    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Enlist(SqliteCommandBuilder.CountCollectionTables(lease.Connection, Name));
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 3;
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "CollectionExists", Name);
        }
    }

    /// <summary>
    /// Creates the three tables and the FTS5 triggers if they are missing. When the vec0 table exists
    /// with another dimension, throws <see cref="IndexMismatchException"/>.
    /// </summary>
    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await EnsureCollectionExistsAsync(lease.Connection, lease.Transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "EnsureCollectionExists", Name);
        }
    }

    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Enlist(SqliteCommandBuilder.DropCollection(lease.Connection, Name));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "EnsureCollectionDeleted", Name);
        }
    }

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
        var records = await GetManyAsync(keys.ToList(), options?.IncludeVectors ?? false, cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
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

        var records = new List<ChunkRecord>();
        try
        {
            await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Enlist(
                SqliteCommandBuilder.SelectWhere(lease.Connection, Name, filter, top, options?.Skip ?? 0, options?.IncludeVectors ?? false));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(ChunkRecordReader.Read(reader));
            }
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Get", Name);
        }

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

    /// <summary>Inserts or replaces the records in one transaction (the batch's, when bound to one).</summary>
    public override async Task UpsertAsync(IEnumerable<ChunkRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await WriteAsync("Upsert", async writer =>
        {
            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.UpsertAsync(record, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return DeleteAsync([key], cancellationToken);
    }

    /// <summary>Deletes the chunks (rows, vectors, FTS entries) in one transaction; missing keys are ignored.</summary>
    public override async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await WriteAsync("Delete", async writer =>
        {
            foreach (var key in keys)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.DeleteChunkAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Nearest chunks to a vector (<see cref="ReadOnlyMemory{T}"/> of float, float[] or
    /// <see cref="Embedding{T}"/> of float). Without a filter this is vec0's KNN
    /// (<c>embedding MATCH $vector AND k = $k</c>); with a filter, an exact scan of the filtered rows.
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
        ValidateSearch(vector, top, skip, options?.Filter);
        List<VectorSearchResult<ChunkRecord>> results;
        try
        {
            await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            results = await ReadNearestAsync(
                lease, VectorBlob.ToBlob(vector.Span), top, skip, options?.Filter, options?.IncludeVectors ?? false, options?.ScoreThreshold, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Search", Name);
        }

        foreach (var result in results)
        {
            yield return result;
        }
    }

    /// <summary>
    /// The candidates of hybrid retrieval, read in ONE read transaction so both lists and the term
    /// statistics come from the same committed state of the index (see <see cref="IHybridCandidateSource"/>).
    /// The keyword list is FTS5's BM25 over <see cref="KeywordQuery"/>'s words and phrases (<see cref="Fts5Query"/>).
    /// </summary>
    public async Task<HybridCandidates> SearchCandidatesAsync(
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
            ValidateSearch(v, vectorTop, 0, filter);
        }

        var match = Fts5Query.FromUserText(keywordQuery);
        var terms = statisticsTerms?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        try
        {
            await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var vocabulary = lease.Enlist(SqliteCommandBuilder.CreateTempVocabulary(lease.Connection, Name)))
            {
                await vocabulary.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // A bound collection reads inside its write transaction; otherwise one deferred read transaction.
            await using var transaction = lease.Transaction is null ? lease.Connection.BeginTransaction(deferred: true) : null;
            var snapshot = transaction is null ? lease : new Lease(lease.Connection, transaction, owned: false);
            IReadOnlyList<VectorSearchResult<ChunkRecord>> nearest = vector is { } query
                ? await ReadNearestAsync(snapshot, VectorBlob.ToBlob(query.Span), vectorTop, 0, filter, false, null, cancellationToken).ConfigureAwait(false)
                : [];
            IReadOnlyList<KeywordSearchResult> keywords = match is null
                ? []
                : await ReadKeywordMatchesAsync(snapshot, match, keywordTop, filter, cancellationToken).ConfigureAwait(false);
            var statistics = await ReadTermStatisticsAsync(snapshot, terms, cancellationToken).ConfigureAwait(false);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return new HybridCandidates(nearest, keywords, statistics);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "SearchCandidates", Name);
        }
    }

    /// <summary>Number of chunks stored.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Enlist(SqliteCommandBuilder.CountChunks(lease.Connection, Name));
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Count", Name);
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Creates the tables on an open connection (used by the catalog inside its own setup).</summary>
    internal async Task EnsureCollectionExistsAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var existing = SqliteCommandBuilder.SelectVecTableSql(connection, Name))
        {
            existing.Transaction = transaction ?? existing.Transaction;
            if (await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string sql)
            {
                var match = VecDimensionPattern().Match(sql);
                if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) != Dimensions)
                {
                    throw new IndexMismatchException(
                        $"The index in '{_connections.DatabasePath}' stores {match.Groups[1].Value}-dimension vectors but the configured "
                        + $"embedding model makes {Dimensions}. Run `qabot index --rebuild` to re-index with the configured model.");
                }
            }
        }

        await using var create = SqliteCommandBuilder.CreateCollection(connection, Name, Dimensions);
        create.Transaction = transaction ?? create.Transaction;
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the prepared write commands of a bound collection (its batch is ending).</summary>
    internal void ReleaseWriter()
    {
        _boundWriter?.Dispose();
        _boundWriter = null;
    }

    /// <summary>
    /// Runs <paramref name="write"/> with a chunk writer: in the bound transaction (its prepared commands
    /// kept for the batch's next write), or in a transaction of its own that commits. SQLite errors are
    /// wrapped with the operation.
    /// </summary>
    private async Task WriteAsync(string operation, Func<ChunkWriter, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            if (_boundConnection is not null)
            {
                _boundWriter ??= new ChunkWriter(_boundConnection, _boundTransaction!, Name, Dimensions);
                await write(_boundWriter).ConfigureAwait(false);
                return;
            }

            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using (var writer = new ChunkWriter(connection, transaction, Name, Dimensions))
            {
                await write(writer).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, operation, Name);
        }
    }

    /// <summary>How many chunks there are and how many hold each analyzed term (fts5vocab over the keyword index).</summary>
    private async Task<TermStatistics> ReadTermStatisticsAsync(Lease lease, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        long chunkCount;
        await using (var count = lease.Enlist(SqliteCommandBuilder.CountChunks(lease.Connection, Name)))
        {
            chunkCount = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        if (terms.Count > 0)
        {
            await using var select = lease.Enlist(SqliteCommandBuilder.SelectTermFrequencies(lease.Connection, Name, terms));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frequencies[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new TermStatistics(chunkCount, frequencies);
    }

    private async Task<IReadOnlyList<ChunkRecord>> GetManyAsync(IReadOnlyList<string> keys, bool includeVectors, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        try
        {
            await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await ChunkRecordReader.ReadByChunkIdsAsync(lease.Connection, lease.Transaction, Name, keys, includeVectors, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Get", Name);
        }
    }

    private void ValidateSearch(ReadOnlyMemory<float> vector, int top, int skip, Expression<Func<ChunkRecord, bool>>? filter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"The query vector has {vector.Length} dimensions; the collection '{Name}' stores {Dimensions}.", nameof(vector));
        }

        if (filter is null && top + skip > SqliteCommandBuilder.MaxKnnK)
        {
            throw new ArgumentOutOfRangeException(nameof(top), $"top + skip must be at most {SqliteCommandBuilder.MaxKnnK} (sqlite-vec's KNN limit).");
        }
    }

    private async Task<List<VectorSearchResult<ChunkRecord>>> ReadNearestAsync(
        Lease lease,
        byte[] blob,
        int top,
        int skip,
        Expression<Func<ChunkRecord, bool>>? filter,
        bool includeVectors,
        double? scoreThreshold,
        CancellationToken cancellationToken)
    {
        var results = new List<VectorSearchResult<ChunkRecord>>(top);
        await using var command = lease.Enlist(filter is null
            ? SqliteCommandBuilder.SelectNearest(lease.Connection, Name, blob, top, skip, includeVectors)
            : SqliteCommandBuilder.SelectNearestWhere(lease.Connection, Name, blob, filter, top, skip, includeVectors));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // sqlite-vec's cosine distance is 1 − cosine similarity; report the similarity.
            var similarity = 1.0 - reader.GetDouble(ChunkRecordReader.ExtraColumn);
            if (scoreThreshold is { } threshold && similarity < threshold)
            {
                continue;
            }

            results.Add(new VectorSearchResult<ChunkRecord>(ChunkRecordReader.Read(reader), similarity));
        }

        return results;
    }

    private async Task<List<KeywordSearchResult>> ReadKeywordMatchesAsync(
        Lease lease, string match, int top, Expression<Func<ChunkRecord, bool>>? filter, CancellationToken cancellationToken)
    {
        var results = new List<KeywordSearchResult>();
        await using var command = lease.Enlist(SqliteCommandBuilder.SelectKeywordMatches(lease.Connection, Name, match, top, filter, includeVectors: false));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(new KeywordSearchResult(ChunkRecordReader.Read(reader), -reader.GetDouble(ChunkRecordReader.ExtraColumn)));
        }

        return results;
    }

    /// <summary>The bound connection and transaction, or a pooled connection of its own.</summary>
    private async Task<Lease> OpenAsync(CancellationToken cancellationToken) =>
        _boundConnection is not null
            ? new Lease(_boundConnection, _boundTransaction, owned: false)
            : new Lease(await _connections.OpenAsync(cancellationToken).ConfigureAwait(false), null, owned: true);

    private static ReadOnlyMemory<float> ToVector<TInput>(TInput searchValue) => searchValue switch
    {
        null => throw new ArgumentNullException(nameof(searchValue)),
        ReadOnlyMemory<float> memory => memory,
        float[] array => array,
        Embedding<float> embedding => embedding.Vector,
        _ => throw new NotSupportedException(
            $"Search input of type {typeof(TInput).Name} is not supported; pass a ReadOnlyMemory<float>, float[] or Embedding<float> (embed text first)."),
    };

    [GeneratedRegex(@"float\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex VecDimensionPattern();

    /// <summary>A connection to work on and the transaction its commands join; disposing closes it only when it was opened for this call.</summary>
    private readonly struct Lease(SqliteConnection connection, SqliteTransaction? transaction, bool owned) : IAsyncDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public SqliteTransaction? Transaction { get; } = transaction;

        /// <summary>Joins the lease's transaction (a command made on a connection inside a transaction has joined it already).</summary>
        public SqliteCommand Enlist(SqliteCommand command)
        {
            command.Transaction = Transaction ?? command.Transaction;
            return command;
        }

        public ValueTask DisposeAsync() => owned ? Connection.DisposeAsync() : ValueTask.CompletedTask;
    }
}
