using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Storage;

/// <summary>
/// Chunk frequencies of stems, read from the FTS5 index through an <c>fts5vocab</c> table (created in
/// the connection's temp schema, so reading statistics never writes to the database file).
/// </summary>
public sealed class SqliteTermStatistics(SqliteConnectionFactory connections, IOptions<StorageOptions> options) : ITermStatistics
{
    private readonly string collection = options.Value.CollectionName;

    public async Task<TermStatistics> GetAsync(IReadOnlyCollection<string> stems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stems);
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var create = SqliteCommandBuilder.CreateTempVocabulary(connection, collection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long chunkCount;
            await using (var count = SqliteCommandBuilder.CountChunks(connection, collection))
            {
                chunkCount = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            var distinct = stems.Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count > 0)
            {
                await using var select = SqliteCommandBuilder.SelectTermFrequencies(connection, collection, distinct);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    frequencies[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            return new TermStatistics(chunkCount, frequencies);
        }
        catch (SqliteException ex)
        {
            throw StorageException.Wrap(ex, "TermStatistics", collection);
        }
    }
}
