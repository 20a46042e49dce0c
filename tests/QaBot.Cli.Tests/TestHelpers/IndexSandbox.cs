using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QaBot.Core;
using QaBot.Testing;

namespace QaBot.Cli.Tests.TestHelpers;

/// <summary>
/// A QaBot root in a temp folder: a corpus folder, a database path and the settings that point the
/// CLI (as environment variables) and in-process services (as configuration) at them and at a
/// <see cref="FakeEmbeddingsServer"/>.
/// </summary>
public sealed class IndexSandbox : IDisposable
{
    private readonly TempFolder _folder = new("qabot-cli-tests-");

    public IndexSandbox(FakeEmbeddingsServer embeddings, int batchSize = 16, string databaseName = "qabot.db")
    {
        CorpusPath = Path.Combine(RootPath, "corpus");
        DatabasePath = Path.Combine(RootPath, "data", databaseName);
        Directory.CreateDirectory(CorpusPath);
        Settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["QaBot:Root"] = RootPath,
            ["QaBot:Corpus:Path"] = CorpusPath,
            ["QaBot:Storage:DatabasePath"] = DatabasePath,
            ["QaBot:Embeddings:Provider"] = "Ollama",
            ["QaBot:Embeddings:Ollama:Endpoint"] = embeddings.BaseUrl,
            ["QaBot:Embeddings:Ollama:Model"] = "fake-hashed-words",
            ["QaBot:Embeddings:Ollama:Dimensions"] = embeddings.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["QaBot:Embeddings:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public string RootPath => _folder.Path;

    public string CorpusPath { get; }

    public string DatabasePath { get; }

    /// <summary>Configuration keys (QaBot:…) and values shared by the child and in-process services.</summary>
    public Dictionary<string, string> Settings { get; }

    /// <summary>The settings as environment variables for the CLI (QaBot__Storage__DatabasePath, …), and QABOT_ROOT.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value, StringComparer.Ordinal);
        environment["QABOT_ROOT"] = RootPath;
        return environment;
    }

    /// <summary>The same core services the CLI builds, in this process.</summary>
    public ServiceProvider CreateServices(ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings!).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddQaBotCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Documents in the catalog, or 0 while the database or its tables do not exist yet.</summary>
    public long CountDocuments()
    {
        if (!File.Exists(DatabasePath))
        {
            return 0;
        }

        try
        {
            using var connection = OpenReadOnly();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM documents;";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }

    /// <summary>Every chunk as (chunk id, document id, text), in chunk id order.</summary>
    public IReadOnlyList<(string ChunkId, string DocumentId, string Text)> ReadChunks()
    {
        using var connection = OpenReadOnly();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT chunk_id, document_id, text FROM chunks ORDER BY chunk_id;";
        using var reader = command.ExecuteReader();
        var chunks = new List<(string, string, string)>();
        while (reader.Read())
        {
            chunks.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return chunks;
    }

    /// <summary>Document ids in the catalog, sorted.</summary>
    public IReadOnlyList<string> ReadDocumentIds()
    {
        using var connection = OpenReadOnly();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM documents ORDER BY id;";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>SQLite's own check of the file (b-trees, indexes, free lists): "ok" when sound.</summary>
    public string IntegrityCheck()
    {
        using var connection = OpenReadOnly();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private SqliteConnection OpenReadOnly()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 10,
        }.ToString());
        connection.Open();
        return connection;
    }
}
