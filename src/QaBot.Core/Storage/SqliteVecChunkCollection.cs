using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Storage;

/// <summary>
/// The chunk collection over one SQLite file: a chunk table, a sqlite-vec <c>vec0</c> table for KNN
/// (cosine) and an FTS5 table for BM25, all keyed by the chunk row's rowid (the storage approach of
/// Semantic Kernel's SqliteVec connector, plus keyword search). The SQL lives in
/// <see cref="SqliteCommandBuilder"/>.
/// </summary>
/// <remarks>
/// Scores: <see cref="SearchAsync{TInput}"/> returns the cosine similarity (1 − sqlite-vec's cosine
/// distance, higher is better); <see cref="KeywordSearchAsync"/> returns −bm25 (higher is better);
/// <see cref="HybridSearchAsync{TInput}"/> returns the reciprocal-rank-fusion score.
/// </remarks>
public sealed partial class SqliteVecChunkCollection : VectorStoreCollection<string, ChunkRecord>, IKeywordHybridSearchable<ChunkRecord>
{
    /// <summary>The k of reciprocal-rank fusion in <see cref="HybridSearchAsync{TInput}"/>.</summary>
    private const int RrfK = 60;

    private readonly SqliteConnectionFactory _connections;
    private readonly VectorStoreCollectionMetadata _metadata;

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

    public override string Name { get; }

    /// <summary>Dimension of the vectors this collection stores and searches with.</summary>
    public int Dimensions { get; }

    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = SqliteCommandBuilder.CountCollectionTables(connection, Name);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 3;
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
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await EnsureCollectionExistsAsync(connection, cancellationToken).ConfigureAwait(false);
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
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = SqliteCommandBuilder.DropCollection(connection, Name);
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
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = SqliteCommandBuilder.SelectWhere(connection, Name, filter, top, options?.Skip ?? 0, options?.IncludeVectors ?? false);
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

    /// <summary>Inserts or replaces the records in one transaction.</summary>
    public override async Task UpsertAsync(IEnumerable<ChunkRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await WriteAsync("Upsert", async writer =>
        {
            foreach (var record in records)
            {
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
                await writer.DeleteChunkAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="write"/> with a chunk writer in one transaction; SQLite errors are wrapped with the operation.</summary>
    private async Task WriteAsync(string operation, Func<ChunkWriter, Task> write, CancellationToken cancellationToken)
    {
        try
        {
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
        var results = await SearchCoreAsync(
            ToVector(searchValue), top, options?.Skip ?? 0, options?.Filter, options?.IncludeVectors ?? false, options?.ScoreThreshold, cancellationToken)
            .ConfigureAwait(false);
        foreach (var result in results)
        {
            yield return result;
        }
    }

    /// <summary>
    /// BM25 keyword search over FTS5. The user's text is never read as FTS5 syntax: each word and each
    /// pair of adjacent words is quoted and they are OR-ed (<see cref="Fts5Query"/>). Best match first;
    /// empty when the text has no words.
    /// </summary>
    public async Task<IReadOnlyList<KeywordSearchResult>> KeywordSearchAsync(
        string query,
        int top,
        Expression<Func<ChunkRecord, bool>>? filter = null,
        bool includeVectors = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        return await KeywordSearchCoreAsync(Fts5Query.FromUserText(query), top, filter, includeVectors, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<KeywordSearchResult>> KeywordSearchCoreAsync(
        string? match, int top, Expression<Func<ChunkRecord, bool>>? filter, bool includeVectors, CancellationToken cancellationToken)
    {
        if (match is null)
        {
            return [];
        }

        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await ReadKeywordMatchesAsync(connection, null, match, top, filter, includeVectors, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "KeywordSearch", Name);
        }
    }

    /// <summary>
    /// The candidates of hybrid retrieval, read in ONE read transaction so both lists come from the same
    /// committed state of the index: the nearest chunks to <paramref name="vector"/> (none when it is null)
    /// and the BM25 matches of <paramref name="keywordQuery"/> (none when it has no words). Read separately,
    /// a re-index committing between the two queries could put a document's old chunks in one list and its
    /// new chunks in the other, and an answer could quote both versions.
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
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var vocabulary = SqliteCommandBuilder.CreateTempVocabulary(connection, Name))
            {
                await vocabulary.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var transaction = connection.BeginTransaction(deferred: true);
            IReadOnlyList<VectorSearchResult<ChunkRecord>> nearest = vector is { } query
                ? await ReadNearestAsync(connection, transaction, VectorBlob.ToBlob(query.Span), vectorTop, 0, filter, false, null, cancellationToken).ConfigureAwait(false)
                : [];
            IReadOnlyList<KeywordSearchResult> keywords = match is null
                ? []
                : await ReadKeywordMatchesAsync(connection, transaction, match, keywordTop, filter, false, cancellationToken).ConfigureAwait(false);
            var statistics = await ReadTermStatisticsAsync(connection, transaction, terms, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new HybridCandidates(nearest, keywords, statistics);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "SearchCandidates", Name);
        }
    }

    /// <summary>How many chunks there are and how many hold each analyzed term (fts5vocab over the keyword index).</summary>
    private async Task<TermStatistics> ReadTermStatisticsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        long chunkCount;
        await using (var count = SqliteCommandBuilder.CountChunks(connection, Name))
        {
            count.Transaction = transaction;
            chunkCount = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        if (terms.Count > 0)
        {
            await using var select = SqliteCommandBuilder.SelectTermFrequencies(connection, Name, terms);
            select.Transaction = transaction;
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frequencies[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new TermStatistics(chunkCount, frequencies);
    }

    /// <summary>
    /// Vector KNN and BM25 over <paramref name="keywords"/> (their words, and the pairs of adjacent words
    /// within each keyword), fused by reciprocal-rank fusion (k = 60); the score is the fused score. Each list contributes <c>top + skip</c> candidates.
    /// </summary>
    public async IAsyncEnumerable<VectorSearchResult<ChunkRecord>> HybridSearchAsync<TInput>(
        TInput searchValue,
        ICollection<string> keywords,
        int top,
        HybridSearchOptions<ChunkRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var skip = options?.Skip ?? 0;
        var includeVectors = options?.IncludeVectors ?? false;
        var candidates = Math.Min(top + skip, SqliteCommandBuilder.MaxKnnK);

        var vectorHits = await SearchCoreAsync(ToVector(searchValue), candidates, 0, options?.Filter, includeVectors, null, cancellationToken).ConfigureAwait(false);
        var keywordHits = await KeywordSearchCoreAsync(Fts5Query.FromKeywords(keywords), candidates, options?.Filter, includeVectors, cancellationToken).ConfigureAwait(false);

        var fused = ReciprocalRankFusion.Fuse(
            vectorHits.Select(h => new RankedHit<ChunkRecord>(h.Record.ChunkId, h.Record, h.Score ?? 0)).ToList(),
            keywordHits.Select(h => new RankedHit<ChunkRecord>(h.Record.ChunkId, h.Record, h.Score)).ToList(),
            RrfK,
            top + skip);
        foreach (var hit in fused.Skip(skip))
        {
            if (options?.ScoreThreshold is { } threshold && hit.Score < threshold)
            {
                continue;
            }

            yield return new VectorSearchResult<ChunkRecord>(hit.Item, hit.Score);
        }
    }

    /// <summary>Number of chunks stored.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = SqliteCommandBuilder.CountChunks(connection, Name);
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

    /// <summary>Creates the tables on an open connection (used by the index store inside its own setup).</summary>
    internal async Task EnsureCollectionExistsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var existing = SqliteCommandBuilder.SelectVecTableSql(connection, Name))
        {
            if (await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string sql)
            {
                var match = VecDimensionPattern().Match(sql);
                if (match.Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != Dimensions)
                {
                    throw new IndexMismatchException(
                        $"The index in '{_connections.DatabasePath}' stores {match.Groups[1].Value}-dimension vectors but the configured "
                        + $"embedding model makes {Dimensions}. Run `qabot index --rebuild` to re-index with the configured model.");
                }
            }
        }

        await using var create = SqliteCommandBuilder.CreateCollection(connection, Name, Dimensions);
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ChunkRecord>> GetManyAsync(IReadOnlyList<string> keys, bool includeVectors, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await ChunkRecordReader.ReadByChunkIdsAsync(connection, Name, keys, includeVectors, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Get", Name);
        }
    }

    private async Task<IReadOnlyList<VectorSearchResult<ChunkRecord>>> SearchCoreAsync(
        ReadOnlyMemory<float> vector,
        int top,
        int skip,
        Expression<Func<ChunkRecord, bool>>? filter,
        bool includeVectors,
        double? scoreThreshold,
        CancellationToken cancellationToken)
    {
        ValidateSearch(vector, top, skip, filter);
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await ReadNearestAsync(connection, null, VectorBlob.ToBlob(vector.Span), top, skip, filter, includeVectors, scoreThreshold, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "Search", Name);
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
        SqliteConnection connection,
        SqliteTransaction? transaction,
        byte[] blob,
        int top,
        int skip,
        Expression<Func<ChunkRecord, bool>>? filter,
        bool includeVectors,
        double? scoreThreshold,
        CancellationToken cancellationToken)
    {
        var results = new List<VectorSearchResult<ChunkRecord>>(top);
        await using var command = filter is null
            ? SqliteCommandBuilder.SelectNearest(connection, Name, blob, top, skip, includeVectors)
            : SqliteCommandBuilder.SelectNearestWhere(connection, Name, blob, filter, top, skip, includeVectors);
        command.Transaction = transaction;
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
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string match,
        int top,
        Expression<Func<ChunkRecord, bool>>? filter,
        bool includeVectors,
        CancellationToken cancellationToken)
    {
        var results = new List<KeywordSearchResult>();
        await using var command = SqliteCommandBuilder.SelectKeywordMatches(connection, Name, match, top, filter, includeVectors);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(new KeywordSearchResult(ChunkRecordReader.Read(reader), -reader.GetDouble(ChunkRecordReader.ExtraColumn)));
        }

        return results;
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

    [GeneratedRegex(@"float\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex VecDimensionPattern();
}
