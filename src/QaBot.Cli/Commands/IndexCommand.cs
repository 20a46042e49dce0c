using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Console;
using QaBot.Core.Indexing;
using Spectre.Console;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot index [--rebuild]</c>: brings the index in line with the corpus folder.</summary>
internal static class IndexCommand
{
    public static Command Create(IServiceProvider services)
    {
        var rebuild = new Option<bool>("--rebuild") { Description = "Drop the index and build it from scratch." };
        var command = new Command("index", "Index the corpus (incremental: unchanged articles are not re-embedded).") { rebuild };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var indexer = services.GetRequiredService<ICorpusIndexer>();
            var report = await IndexRunner.RunAsync(indexer, AnsiConsole.Console, parse.GetValue(rebuild), cancellationToken);
            return report.DocumentsSeen == 0 ? 1 : 0;
        });
        return command;
    }
}
