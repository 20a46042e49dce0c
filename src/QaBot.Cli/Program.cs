using System.CommandLine;
using QaBot.Cli;
using QaBot.Cli.Commands;
using QaBot.Cli.Console;

// qabot: index the corpus, ask questions, chat, run evaluations and benchmarks from the command line.
// Piped or redirected output is read by programs and people's own tools: do not hard-wrap it at 80 columns.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = ConsoleWidth.Redirected;
}

// Log lines go to standard error through a writer the index progress bar can hold while it draws.
var standardError = new HeldErrorWriter(Console.Error);
Console.SetError(standardError);
IndexRunner.ErrorOutput = standardError;

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
    root.Subcommands.Add(FeedbackCommand.Create(services));
    root.Subcommands.Add(BenchCommand.Create(services));
    root.Subcommands.Add(TrainCommand.Create(services));

    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (CliErrors.IsUserFacing(ex))
{
    CliErrors.Print(ex);
    return 2;
}
