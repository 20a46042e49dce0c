using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using QaBot.Bot.Documents;
using QaBot.Core.Answering;
using QaBot.Core.Indexing;
using QaBot.Testing;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>
/// The real bot host (Program) with test settings: its own temp database files, and — unless
/// <paramref name="realServices"/> — doubles for answering, indexing and documents. Optionally on Kestrel
/// (loopback, dynamic port) for clients that need a real socket.
/// </summary>
public sealed class BotHostFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _realServices;
    private readonly TempFolder _temp = new();

    public BotHostFactory(IDictionary<string, string?>? settings = null, bool realServices = false, bool kestrel = false)
    {
        _realServices = realServices;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["QaBot:Conversations:DatabasePath"] = _temp.File("conversations.db"),
            ["QaBot:Storage:DatabasePath"] = _temp.File("qabot.db"),
            ["QaBot:Bot:StreamingIntervalMilliseconds"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (!realServices)
        {
            // The doubles answer without the model or the encoder: loading them would only cost each test time.
            _settings["QaBot:Answering:WarmUp"] = "false";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (kestrel)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }

    public FakeAnsweringService Answering { get; } = new();

    /// <summary>Receives every log message of the host when set before the host starts.</summary>
    public CapturingLoggerProvider? Logs { get; init; }

    public FakeCorpusIndexer Indexer { get; init; } = new();

    /// <summary>The host's clock (a FakeTimeProvider the test advances), or null for the system clock.</summary>
    public TimeProvider? Time { get; init; }

    public string TempPath => _temp.Path;

    /// <summary>The Kestrel address (after <see cref="WebApplicationFactory{TEntryPoint}.StartServer"/>).</summary>
    public Uri ServerAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        if (Logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }

        builder.ConfigureTestServices(services =>
        {
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Time);
            }

            if (_realServices)
            {
                return;
            }

            services.RemoveAll<IAnsweringService>();
            services.AddSingleton<IAnsweringService>(Answering);
            services.RemoveAll<ICorpusIndexer>();
            services.AddSingleton<ICorpusIndexer>(Indexer);
            services.RemoveAll<IDocumentSource>();
            services.AddSingleton<IDocumentSource, FakeDocumentSource>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _temp.Dispose();
        }
    }
}
