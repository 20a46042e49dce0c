using System.Text.Json;
using Npgsql;
using QaBot.Cli.Tests.TestHelpers;
using QaBot.Core.Configuration;
using QaBot.Testing;
using Xunit.Abstractions;

namespace QaBot.Cli.Tests.Commands;

/// <summary>
/// Issue 15's demonstration through the real CLI: the repository's appsettings.json and seeds/ (GloVe, extractive
/// answers), with only <c>QaBot__Storage__Provider=Postgres</c> and a connection string set — a real PostgreSQL
/// with pgvector (PGlite) in a schema of the test's own. `qabot index` then `qabot ask … --json` answer from the
/// chunks in PostgreSQL, and no SQLite database is written.
/// </summary>
public sealed class PostgresCliTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IndexThenAskOnPostgresAnswersWithHegsethCitingTheArticleWhoseChunksAreInPostgres()
    {
        var server = await PgliteServer.SharedAsync();
        var schema = "cli_" + Guid.NewGuid().ToString("N");
        using var folder = new TempFolder("qabot-cli-postgres-");
        var sqlitePath = Path.Combine(folder.Path, "qabot.db");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["QABOT_ROOT"] = QaBotPaths.FindRoot(),
            ["QaBot__Storage__Provider"] = "Postgres",
            ["QaBot__Storage__ConnectionString"] = server.ConnectionString,
            ["QaBot__Storage__Schema"] = schema,
            ["QaBot__Storage__DatabasePath"] = sqlitePath, // must stay untouched
        };

        try
        {
            using (var index = await QabotCli.RunAsync(environment, TimeSpan.FromMinutes(3), "index"))
            {
                output.WriteLine(index.StandardOutput);
                Assert.True(index.ExitCode == 0, $"index failed ({index.ExitCode}):\n{index.StandardOutput}\n{index.StandardError}");
                Assert.Contains("5 documents: 5 embedded", index.StandardOutput, StringComparison.Ordinal);
            }

            using var ask = await QabotCli.RunAsync(environment, TimeSpan.FromMinutes(2), "ask", "Who did Jaishankar meet at the Pentagon?", "--json");
            output.WriteLine(ask.StandardOutput);
            Assert.True(ask.ExitCode == 0, $"ask failed ({ask.ExitCode}):\n{ask.StandardOutput}\n{ask.StandardError}");

            using var json = JsonDocument.Parse(ask.StandardOutput);
            var answer = json.RootElement;
            Assert.False(answer.GetProperty("declined").GetBoolean());
            Assert.Contains("Hegseth", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
            var citation = answer.GetProperty("citations")[0];
            Assert.Equal("000_0ae4d377a3db1007", citation.GetProperty("documentId").GetString());
            Assert.Contains("Hegseth", citation.GetProperty("snippet").GetString(), StringComparison.Ordinal);
            var topChunk = answer.GetProperty("retrieved")[0].GetProperty("chunkId").GetString()!;

            // The chunks (with their vectors and keyword terms) and the catalog are PostgreSQL's; SQLite was never opened.
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using (var counts = new NpgsqlCommand(
                $"""SELECT count(*), count(embedding), count(*) FILTER (WHERE length(terms) > 0), count(DISTINCT document_id) FROM "{schema}".chunks;""", connection))
            await using (var reader = await counts.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                var (chunks, vectors, keywords, documents) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
                Assert.True(chunks >= 5, $"{chunks} chunks in PostgreSQL");
                Assert.Equal((chunks, chunks, 5L), (vectors, keywords, documents));
            }

            await using (var cited = new NpgsqlCommand($"""SELECT document_id, text FROM "{schema}".chunks WHERE chunk_id = @id;""", connection))
            {
                cited.Parameters.AddWithValue("id", topChunk);
                await using var reader = await cited.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync(), $"the retrieved chunk {topChunk} is not in PostgreSQL");
                Assert.Equal("000_0ae4d377a3db1007", reader.GetString(0));
            }

            Assert.False(File.Exists(sqlitePath), "the CLI wrote a SQLite database although the provider is Postgres");
        }
        finally
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"""DROP SCHEMA IF EXISTS "{schema}" CASCADE;""", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
