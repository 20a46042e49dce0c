using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QaBot.Core;
using QaBot.Core.Channels;
using QaBot.Core.Configuration;
using QaBot.Core.Conversations;

namespace QaBot.Cli;

/// <summary>
/// The CLI's service container: the root appsettings.json (the same file the bot reads), environment
/// variables (QaBot__Embeddings__Provider=…), <c>--corpus PATH</c>, QaBot's core services, and logs on
/// standard error so standard output stays clean for <c>--json</c>.
/// </summary>
internal static class CliHost
{
    public static IHost Build(string[] args)
    {
        var root = QaBotPaths.FindRoot();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = root,
            Args = [],
            ApplicationName = "QaBot.Cli",
        });
        builder.Configuration.AddJsonFile(Path.Combine(root, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration[QaBotCoreServiceCollectionExtensions.RootConfigurationKey] ??= root;
        if (CorpusArgument.Find(args) is { } corpus)
        {
            builder.Configuration[$"{CorpusOptions.SectionName}:Path"] = corpus;
        }

        var verbose = args.Contains("--verbose");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Configuration["Logging:LogLevel:Default"] = verbose ? "Debug" : "Warning";
        if (!verbose)
        {
            // The indexer's only warning is a skipped file, which the index summary already lists (IndexRunner).
            builder.Configuration[$"Logging:LogLevel:{typeof(Core.Indexing.CorpusIndexer).FullName}"] = "Error";
        }

        builder.Services.AddQaBotCore(builder.Configuration);
        builder.Services.AddConversationStore(builder.Configuration);
        builder.Services.AddExampleQuestions(builder.Configuration);
        return builder.Build();
    }
}
