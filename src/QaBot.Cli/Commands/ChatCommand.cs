using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Console;
using QaBot.Core.Answering;
using QaBot.Core.Indexing;
using Spectre.Console;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot chat</c>: an interactive conversation; follow-up questions use the earlier turns.</summary>
internal static class ChatCommand
{
    public static Command Create(IServiceProvider services)
    {
        var command = new Command("chat", "Chat interactively; follow-up questions keep the conversation's context.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            await IndexRunner.EnsureIndexedAsync(services.GetRequiredService<ICorpusIndexer>(), console, cancellationToken);
            var answering = services.GetRequiredService<IAnsweringService>();
            var history = new List<ConversationTurn>();
            console.MarkupLine("[bold]QaBot[/] — ask about the news articles. An empty line or Ctrl+D ends the chat.");
            while (!cancellationToken.IsCancellationRequested)
            {
                console.Markup("[blue]you>[/] ");
                var line = System.Console.In.ReadLine();
                if (string.IsNullOrWhiteSpace(line))
                {
                    break;
                }

                var answer = await answering.AskAsync(line, history, cancellationToken);
                AnswerPrinter.Print(console, answer);
                history.Add(new ConversationTurn(ConversationRole.User, line));
                history.Add(new ConversationTurn(ConversationRole.Assistant, answer.Text));
            }

            return 0;
        });
        return command;
    }
}
