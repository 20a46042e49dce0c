using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QaBot.Core;

namespace QaBot.Cli.Bench;

/// <summary>
/// A QaBot service container for one benchmark corpus: the root appsettings.json and environment like
/// the CLI, with the corpus folder and database pointed at the scratch copies. One embedding generator
/// (the loaded GloVe model) is shared by every container so the model is loaded once.
/// </summary>
internal static class BenchHost
{
    public static ServiceProvider Create(
        string root, string corpusPath, string databasePath, IEmbeddingGenerator<string, Embedding<float>>? sharedGenerator, bool verbose,
        IReadOnlyDictionary<string, string?>? storage = null)
    {
        // SQLite unless told otherwise, whatever the environment says: the PostgreSQL figures are their own container.
        var overrides = new Dictionary<string, string?>
        {
            [QaBotCoreServiceCollectionExtensions.RootConfigurationKey] = root,
            ["QaBot:Corpus:Path"] = corpusPath,
            ["QaBot:Storage:DatabasePath"] = databasePath,
            ["QaBot:Storage:Provider"] = "Sqlite",
        };
        foreach (var (key, value) in storage ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        });
        if (sharedGenerator is not null)
        {
            services.AddSingleton(sharedGenerator);
        }

        services.AddQaBotCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }

    /// <summary>Deletes a database file with its WAL and shared-memory files.</summary>
    public static void DeleteDatabase(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(databasePath + suffix);
        }
    }

    /// <summary>Size of the database file and its WAL, in bytes.</summary>
    public static long DatabaseBytes(string databasePath)
    {
        long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
        return Size(databasePath) + Size(databasePath + "-wal");
    }
}
