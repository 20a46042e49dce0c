using Microsoft.Data.Sqlite;
using QaBot.Core.Storage;
using QaBot.Core.Storage.Sqlite;

namespace QaBot.Core.Tests.Storage;

public sealed class SqliteCommandBuilderTests : IDisposable
{
    // Commands are only built here, never executed: an unopened in-memory connection is enough.
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void TheCollectionIsAChunkTableAVec0TableWithCosineDistanceAndAContentlessFts5TableOfAnalyzedTerms()
    {
        using var command = SqliteCommandBuilder.CreateCollection(_connection, "chunks", 100);
        var sql = Normalize(command.CommandText);

        Assert.Contains("CREATE TABLE IF NOT EXISTS \"chunks\" ( rowid INTEGER PRIMARY KEY, chunk_id TEXT NOT NULL UNIQUE,", sql);
        Assert.Contains("CREATE VIRTUAL TABLE IF NOT EXISTS \"chunks_vec\" USING vec0(embedding float[100] distance_metric=cosine);", sql);
        Assert.Contains(
            "CREATE VIRTUAL TABLE IF NOT EXISTS \"chunks_fts\" USING fts5(terms, content='', tokenize='unicode61 remove_diacritics 0');",
            sql);
        Assert.Contains("AFTER INSERT ON \"chunks\" BEGIN INSERT INTO \"chunks_fts\" (rowid, terms) VALUES (new.rowid, qabot_terms(new.text)); END;", sql);
        Assert.Contains("AFTER DELETE ON \"chunks\" BEGIN INSERT INTO \"chunks_fts\" (\"chunks_fts\", rowid, terms) VALUES ('delete', old.rowid, qabot_terms(old.text)); END;", sql);
        Assert.Empty(command.Parameters);
    }

    [Fact]
    public void NearestNeighboursUseVec0KnnWithParametersAndOrderByDistance()
    {
        using var command = SqliteCommandBuilder.SelectNearest(_connection, "chunks", new byte[8], top: 5, skip: 2, includeVectors: false);
        var sql = Normalize(command.CommandText);

        Assert.Contains("FROM \"chunks_vec\" WHERE embedding MATCH $vector AND k = $k", sql);
        Assert.Contains("ORDER BY knn.distance LIMIT $top OFFSET $skip;", sql);
        Assert.Equal(7, command.Parameters["$k"].Value);
        Assert.Equal(5, command.Parameters["$top"].Value);
    }

    [Fact]
    public void KeywordSearchPassesTheMatchExpressionAsAParameterAndRanksByBm25()
    {
        using var command = SqliteCommandBuilder.SelectKeywordMatches(_connection, "chunks", "\"cocoa\"", 10, filter: null, includeVectors: false);
        var sql = Normalize(command.CommandText);

        Assert.Contains("bm25(\"chunks_fts\") AS score", sql);
        Assert.Contains("WHERE \"chunks_fts\" MATCH $match ORDER BY score LIMIT $top )", sql);
        Assert.DoesNotContain("cocoa", sql);
        Assert.Equal("\"cocoa\"", command.Parameters["$match"].Value);
    }

    [Fact]
    public void KeywordSearchWithoutFilterJoinsOnlyTheTopRowsToTheChunkTable()
    {
        using var command = SqliteCommandBuilder.SelectKeywordMatches(_connection, "chunks", "\"cocoa\"", 10, filter: null, includeVectors: false);
        var sql = Normalize(command.CommandText);

        Assert.StartsWith("WITH hits AS ( SELECT rowid, bm25(\"chunks_fts\") AS score FROM \"chunks_fts\" WHERE", sql);
        Assert.EndsWith("FROM hits JOIN \"chunks\" AS c ON c.rowid = hits.rowid ORDER BY hits.score;", sql);
    }

    [Fact]
    public void KeywordSearchWithFilterRanksTheFilteredJoin()
    {
        using var command = SqliteCommandBuilder.SelectKeywordMatches(_connection, "chunks", "\"cocoa\"", 10, filter: r => r.DocumentId == "a", includeVectors: false);
        var sql = Normalize(command.CommandText);

        Assert.Contains("FROM \"chunks_fts\" AS f JOIN \"chunks\" AS c ON c.rowid = f.rowid WHERE \"chunks_fts\" MATCH $match AND", sql);
        Assert.EndsWith("ORDER BY score LIMIT $top;", sql);
    }

    [Fact]
    public void UpsertFirstInsertsUnlessTheChunkIdExistsReturningTheRowid()
    {
        using var command = SqliteCommandBuilder.InsertChunkIfAbsent(_connection, "chunks");
        var sql = Normalize(command.CommandText);

        Assert.StartsWith("INSERT INTO \"chunks\" (chunk_id, document_id, title, published_date, ordinal, start_offset, end_offset, text, url) VALUES ($chunk_id,", sql);
        Assert.Contains("ON CONFLICT (chunk_id) DO NOTHING", sql);
        Assert.EndsWith("RETURNING rowid;", sql);
        Assert.Equal(9, command.Parameters.Count);
    }

    [Fact]
    public void DeletingAChunkReturnsItsRowidForTheVectorTable()
    {
        using var chunks = SqliteCommandBuilder.DeleteChunk(_connection, "chunks");
        using var vectors = SqliteCommandBuilder.DeleteVector(_connection, "chunks");

        Assert.Equal("DELETE FROM \"chunks\" WHERE chunk_id = $chunk_id RETURNING rowid;", chunks.CommandText);
        Assert.Equal("DELETE FROM \"chunks_vec\" WHERE rowid = $rowid;", vectors.CommandText);
    }

    [Fact]
    public void AFilterBecomesAParameterizedCondition()
    {
        var documentId = "doc'); DROP TABLE chunks; --";
        using var command = SqliteCommandBuilder.SelectWhere(_connection, "chunks", r => r.DocumentId == documentId && r.Ordinal >= 2, 10, 0, includeVectors: false);
        var sql = Normalize(command.CommandText);

        Assert.Contains("WHERE (c.document_id = $f0 AND c.ordinal >= $f1) ORDER BY c.document_id, c.ordinal LIMIT $top OFFSET $skip;", sql);
        Assert.Equal(documentId, command.Parameters["$f0"].Value);
        Assert.Equal(2, command.Parameters["$f1"].Value);
        Assert.DoesNotContain("DROP", sql);
    }

    [Fact]
    public void AFilterOnNullUsesIsNull()
    {
        using var command = SqliteCommandBuilder.SelectWhere(_connection, "chunks", r => r.PublishedDate == null, 10, 0, includeVectors: false);
        Assert.Contains("WHERE c.published_date IS NULL", Normalize(command.CommandText));
    }

    [Fact]
    public void ADateRangeFilterComparesTheIsoTextOfTheColumn()
    {
        var july = new QaBot.Core.Retrieval.PublishedDateRange(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), "in July 2025");
        using var command = SqliteCommandBuilder.SelectWhere(_connection, "chunks", july.ToFilter(), 10, 0, includeVectors: false);

        Assert.Contains("WHERE ((c.published_date IS NOT NULL AND c.published_date >= $f0) AND c.published_date <= $f1)", Normalize(command.CommandText));
        Assert.Equal(("2025-07-01", "2025-07-31"), (command.Parameters["$f0"].Value, command.Parameters["$f1"].Value));
    }

    [Fact]
    public void AnOrdinalComparisonReadsEitherWayRoundAndOtherComparisonsAreRefused()
    {
        using var flipped = SqliteCommandBuilder.SelectWhere(_connection, "chunks", r => string.Compare("2025-07-01", r.Title, StringComparison.Ordinal) < 0, 10, 0, false);
        Assert.Contains("WHERE c.title > $f0", Normalize(flipped.CommandText));

        Assert.Throws<NotSupportedException>(() => SqliteCommandBuilder.SelectWhere(
            _connection, "chunks", r => string.Compare(r.Title, "b", StringComparison.OrdinalIgnoreCase) < 0, 10, 0, false));
    }

    [Fact]
    public void AFilterOnTheVectorIsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => SqliteCommandBuilder.SelectWhere(_connection, "chunks", r => r.Embedding.Length > 0, 10, 0, false));
    }

    [Theory]
    [InlineData("chunks\"; DROP TABLE x; --")]
    [InlineData("1chunks")]
    [InlineData("")]
    [InlineData("my chunks")]
    public void ACollectionNameThatIsNotAPlainIdentifierIsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => SqliteCommandBuilder.CountChunks(_connection, name));
    }

    [Fact]
    public void TheCatalogHasDocumentsAndMetaTables()
    {
        using var command = SqliteCatalogCommandBuilder.CreateCatalog(_connection);
        var sql = Normalize(command.CommandText);

        Assert.Contains("CREATE TABLE IF NOT EXISTS \"documents\" ( id TEXT NOT NULL PRIMARY KEY, title TEXT NOT NULL, published_date TEXT NULL, source_path TEXT NOT NULL, content_hash TEXT NOT NULL, text TEXT NOT NULL, indexed_at TEXT NOT NULL, url TEXT NULL );", sql);
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"index_meta\" ( key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL );", sql);
    }

    [Theory]
    [InlineData("Who met Hegseth at the Pentagon?", "\"meet\" OR \"hegseth\" OR \"pentagon\" OR \"who meet\" OR \"meet hegseth\" OR \"hegseth at\" OR \"the pentagon\"")]
    [InlineData("Bank of Canada rates", "\"bank\" OR \"canada\" OR \"rate\" OR \"bank of\" OR \"of canada\" OR \"canada rate\"")]
    [InlineData("What did the bank say about rates?", "\"bank\" OR \"rate\" OR \"the bank\" OR \"about rate\"")]
    [InlineData("I think we are very close", "\"think\" OR \"close\" OR \"i think\" OR \"think we\" OR \"veri close\"")]
    [InlineData("AND OR NEAR(", "\"near\" OR \"or near\"")]
    [InlineData("Who is he?", "\"who\" OR \"i\" OR \"he\" OR \"who i\" OR \"i he\"")]
    [InlineData("\"quoted\" text*", "\"quot\" OR \"text\" OR \"quot text\"")]
    [InlineData("col:value -x ^y", "\"col\" OR \"valu\" OR \"x\" OR \"y\" OR \"col valu\" OR \"valu x\" OR \"x y\"")]
    [InlineData("rate rate RATE", "\"rate\" OR \"rate rate\"")]
    [InlineData("Pentagon", "\"pentagon\"")]
    [InlineData("?!* ()", null)]
    [InlineData("", null)]
    public void UserTextBecomesQuotedWordsAndAdjacentPairsJoinedByOr(string text, string? expected)
    {
        Assert.Equal(expected, Fts5Query.FromUserText(text));
    }

    [Fact]
    public void LongTextKeepsAtMostMaxTermsWordsAndAsManyPairs()
    {
        var match = Fts5Query.Format(KeywordQuery.FromUserText(string.Join(' ', Enumerable.Range(0, 100).Select(i => $"w{i}")), maxTerms: 5)!);

        Assert.Equal("\"w0\" OR \"w1\" OR \"w2\" OR \"w3\" OR \"w4\" OR \"w0 w1\" OR \"w1 w2\" OR \"w2 w3\" OR \"w3 w4\" OR \"w4 w5\"", match);
    }

    private static string Normalize(string sql) => string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
