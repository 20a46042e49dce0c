using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QaBot.Bot.Hosting;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Indexing;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Hosting;

/// <summary>
/// Issue 12, rows 5 and 8, with the real services on a real SQLite index (embeddings from a loopback fake
/// that speaks the Ollama/OpenAI protocol): a store that cannot be read turns /readyz to 503 on the first
/// failing query and the log says how to rebuild it; users are told the index is unavailable — also when
/// indexing failed at start — instead of "still reading" forever; a repaired index makes the bot ready again.
/// </summary>
public sealed class IndexAvailabilityTests
{
    [Fact]
    public async Task ACorruptedVectorTableTurnsReadinessOffOnTheFirstFailingQueryAndARebuildTurnsItBackOn()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var corpus = new TempFolder();
        HarbourCorpus.Write(corpus.Path, 4);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturingLoggerProvider();
        await using var factory = new BotHostFactory(Settings(embeddings, corpus.Path), realServices: true) { Time = clock, Logs = logs };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(1));
        Assert.Contains(HarbourCorpus.Containers(1).ToString(CultureInfo.InvariantCulture), await AskAsync(client, HarbourQuestion(1)), StringComparison.Ordinal);

        await ExecuteAsync(Path.Combine(factory.TempPath, "qabot.db"), "UPDATE chunks_vec_vector_chunks00 SET vectors = x'00';");

        // One failing query: the user is told the index is unavailable, and /readyz says 503 at once.
        Assert.Equal(IndexReadiness.UnavailableMessage, await AskAsync(client, HarbourQuestion(2)));
        await AssertReadyzAsync(client, HttpStatusCode.ServiceUnavailable, "Unhealthy");
        var critical = Assert.Single(logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Contains("qabot index --rebuild", critical, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(factory.TempPath, "qabot.db"), critical, StringComparison.Ordinal);
        Assert.Equal(IndexReadiness.UnavailableMessage, await AskAsync(client, HarbourQuestion(3)));

        // Rebuilt while the bot runs: the next probe finds the store readable and the bot answers again.
        await factory.Services.GetRequiredService<ICorpusIndexer>().IndexAsync(rebuild: true);
        await AssertReadyzAsync(client, HttpStatusCode.ServiceUnavailable, "Unhealthy");
        clock.Advance(IndexStoreProbe.MinimumInterval);
        await AssertReadyzAsync(client, HttpStatusCode.OK, "Healthy");
        Assert.Contains(HarbourCorpus.Containers(2).ToString(CultureInfo.InvariantCulture), await AskAsync(client, HarbourQuestion(2)), StringComparison.Ordinal);
        Assert.Single(logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADatabaseFileWithCorruptPagesIsReportedByTheRealBotProcessAfterOneFailingQuery()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var temp = new TempFolder();
        HarbourCorpus.Write(Path.Combine(temp.Path, "corpus"), 4);
        var environment = Settings(embeddings, Path.Combine(temp.Path, "corpus"))
            .Concat(new Dictionary<string, string?>
            {
                ["QaBot:Storage:DatabasePath"] = temp.File("qabot.db"),
                ["QaBot:Conversations:DatabasePath"] = temp.File("conversations.db"),
                ["Logging:LogLevel:Default"] = "Warning",
            })
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

        // A first run builds the index; then pages of the vector table's blob are overwritten on disk.
        using (var first = await BotProcess.StartAsync(environment))
        {
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            await Readiness.WaitAsync(client, TimeSpan.FromMinutes(1));
        }

        await ExecuteAsync(temp.File("qabot.db"), "PRAGMA wal_checkpoint(TRUNCATE);");
        await CorruptPagesHoldingTheVectorsAsync(temp.File("qabot.db"));

        using var bot = await BotProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        await Readiness.WaitAsync(http, TimeSpan.FromMinutes(1));

        Assert.Equal(IndexReadiness.UnavailableMessage, await AskAsync(http, HarbourQuestion(1)));
        await AssertReadyzAsync(http, HttpStatusCode.ServiceUnavailable, "Unhealthy");
        Assert.Contains("qabot index --rebuild", bot.StandardError + bot.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenIndexingFailsAtStartUsersAreToldTheIndexIsUnavailable()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var corpus = new TempFolder();
        HarbourCorpus.Write(corpus.Path, 2);
        var logs = new CapturingLoggerProvider();
        await using var factory = new BotHostFactory(Settings(embeddings, corpus.Path), realServices: true) { Logs = logs };
        await File.WriteAllTextAsync(Path.Combine(factory.TempPath, "qabot.db"), new string('x', 8192));
        using var client = factory.CreateClient();

        // Indexing fails (the database file is not a database): /readyz settles on 503 Unhealthy.
        var status = string.Empty;
        for (var i = 0; i < 200 && status != "Unhealthy"; i++)
        {
            using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            status = await ready.Content.ReadAsStringAsync();
            await Task.Delay(50);
        }

        Assert.Equal("Unhealthy", status);
        Assert.Equal(IndexReadiness.UnavailableMessage, await AskAsync(client, HarbourQuestion(1)));
        Assert.Contains(logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("qabot index --rebuild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIndexFailureWithTheIndexerDoubleAlsoSaysUnavailableNotStillReading()
    {
        await using var factory = new BotHostFactory { Indexer = new FakeCorpusIndexer(stale: true) { Fails = true } };
        using var client = factory.CreateClient();
        for (var i = 0; i < 200 && !await IsUnhealthyAsync(client); i++)
        {
            await Task.Delay(50);
        }

        var reply = await AskAsync(client, "Who did Jaishankar meet?");

        Assert.Equal(IndexReadiness.UnavailableMessage, reply);
        Assert.Empty(factory.Answering.Calls);
    }

    private static Dictionary<string, string?> Settings(FakeEmbeddingsServer embeddings, string corpusPath) => new()
    {
        ["QaBot:Corpus:Path"] = corpusPath,
        ["QaBot:Embeddings:Provider"] = "Ollama",
        ["QaBot:Embeddings:Ollama:Endpoint"] = embeddings.BaseUrl,
        ["QaBot:Embeddings:Ollama:Model"] = "fake-hashed-words",
        ["QaBot:Embeddings:Ollama:Dimensions"] = embeddings.Dimensions.ToString(CultureInfo.InvariantCulture),
    };

    private static string HarbourQuestion(int i) => $"How many containers did the harbour of {HarbourCorpus.Town(i)} handle last week?";

    private static async Task<string> AskAsync(HttpClient client, string question)
    {
        using var response = await client.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            ActivityJson.Content(ActivityJson.Message(question, conversationId: "conv-" + Guid.NewGuid().ToString("N"), deliveryMode: "expectReplies")));
        var replies = await ActivityJson.ExpectedRepliesAsync(response);
        return replies.Last(a => a!["type"]!.GetValue<string>() == "message")!["text"]!.GetValue<string>();
    }

    private static async Task<bool> IsUnhealthyAsync(HttpClient client)
    {
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        return await ready.Content.ReadAsStringAsync() == "Unhealthy";
    }

    private static async Task AssertReadyzAsync(HttpClient client, HttpStatusCode expected, string body)
    {
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(expected, ready.StatusCode);
        Assert.Equal(body, await ready.Content.ReadAsStringAsync());
    }

    private static async Task ExecuteAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Finds, in the database file, the pages that hold the vec0 table's vector blob (by searching the file for
    /// a piece of the blob) and overwrites them, breaking the blob's overflow-page chain as a bad disk would.
    /// </summary>
    private static async Task CorruptPagesHoldingTheVectorsAsync(string databasePath)
    {
        byte[] blob;
        long pageSize;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT vectors FROM chunks_vec_vector_chunks00 ORDER BY rowid LIMIT 1;";
            blob = (byte[])(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA page_size;";
            pageSize = (long)(await command.ExecuteScalarAsync())!;
        }

        var file = await File.ReadAllBytesAsync(databasePath);
        var corrupted = 0;
        for (var offset = 0; offset + 64 <= blob.Length; offset += (int)pageSize)
        {
            var sample = blob.AsSpan(offset, 64);
            if (sample.IndexOfAnyExcept((byte)0) < 0)
            {
                continue; // an unused (zero) stretch of the blob could match anywhere
            }

            var at = file.AsSpan().IndexOf(sample);
            if (at < 0)
            {
                continue; // the sample straddles two pages
            }

            var page = at / pageSize;
            file.AsSpan((int)(page * pageSize), (int)pageSize).Fill(0xAB);
            corrupted++;
        }

        Assert.True(corrupted > 0, "no page of the vector blob was found in the file");
        await File.WriteAllBytesAsync(databasePath, file);
    }
}
