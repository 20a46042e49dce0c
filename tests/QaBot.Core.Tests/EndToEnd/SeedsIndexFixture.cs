using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Configuration;
using QaBot.Core.Indexing;

namespace QaBot.Core.Tests.EndToEnd;

/// <summary>
/// The real pipeline as the CLI and the bot compose it (<see cref="QaBotCoreServiceCollectionExtensions.AddQaBotCore"/>):
/// the repository's seeds/ indexed once with the real GloVe vectors into a SQLite file with sqlite-vec in a temp folder.
/// </summary>
public sealed class SeedsIndexFixture : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("qabot-e2e-").FullName;
    private ServiceProvider? services;

    public IServiceProvider Services => services ?? throw new InvalidOperationException("The fixture is not initialised.");

    public IndexReport FirstIndex { get; private set; } = null!;

    public string DatabasePath => Path.Combine(folder, "qabot.db");

    /// <param name="configure">Registrations made before QaBot's own (which do not replace them), such as a fixed clock.</param>
    public static ServiceProvider Build(string databasePath, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var root = QaBotPaths.FindRoot();
        var settings = new Dictionary<string, string?>
        {
            [QaBotCoreServiceCollectionExtensions.RootConfigurationKey] = root,
            ["QaBot:Corpus:Path"] = Path.Combine(root, "seeds"),
            ["QaBot:Storage:DatabasePath"] = databasePath,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: false)
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection().AddLogging();
        configure?.Invoke(services);
        return services
            .AddQaBotCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async Task InitializeAsync()
    {
        services = Build(DatabasePath);
        FirstIndex = await services.GetRequiredService<ICorpusIndexer>().IndexAsync();
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
