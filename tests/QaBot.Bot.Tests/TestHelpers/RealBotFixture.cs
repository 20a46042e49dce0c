using QaBot.Core.Configuration;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>
/// The bot with its REAL services (answering, indexing of seeds/, storage, GloVe embeddings) on Kestrel on
/// loopback, with its own temp database, shared by the end-to-end tests. It indexes seeds/ at start.
/// </summary>
public sealed class RealBotFixture : IAsyncLifetime
{
    public BotHostFactory Factory { get; } = new(realServices: true, kestrel: true);

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static string RepoRoot => QaBotPaths.FindRoot();

    public async Task InitializeAsync()
    {
        Factory.StartServer();
        BaseAddress = Factory.ServerAddress;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await Readiness.WaitAsync(Client, TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
