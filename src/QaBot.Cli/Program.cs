using System.CommandLine;
using QaBot.Cli;
using QaBot.Cli.Commands;
using QaBot.Cli.Console;

// qabot: index the corpus, ask questions, chat, run evaluations and benchmarks from the command line.
try
{
    using var host = CliHost.Build(args);
    var services = host.Services;

    var root = new RootCommand("QaBot — answers questions about a corpus of news articles, with cited snippets.");
    root.Options.Add(CorpusArgument.CreateOption());
    root.Subcommands.Add(IndexCommand.Create(services));
    root.Subcommands.Add(AskCommand.Create(services));
    root.Subcommands.Add(ChatCommand.Create(services));
    root.Subcommands.Add(EvalCommand.Create(services));
    root.Subcommands.Add(TeamsCommand.Create(services));
    root.Subcommands.Add(BenchCommand.Create(services));

    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (CliErrors.IsUserFacing(ex))
{
    CliErrors.Print(ex);
    return 2;
}
