using System.CommandLine;
using QaBot.Cli;
using QaBot.Cli.Commands;

// qabot: index the corpus, ask questions, chat, run evaluations and benchmarks from the command line.
using var host = CliHost.Build(args);
var services = host.Services;

var root = new RootCommand("QaBot — answers questions about a corpus of news articles, with cited snippets.");
root.Subcommands.Add(IndexCommand.Create(services));
root.Subcommands.Add(AskCommand.Create(services));
root.Subcommands.Add(ChatCommand.Create(services));
root.Subcommands.Add(EvalCommand.Create(services));

return await root.Parse(args).InvokeAsync();
