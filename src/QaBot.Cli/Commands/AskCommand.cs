using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Console;
using QaBot.Core.Answering;
using QaBot.Core.Indexing;
using Spectre.Console;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot ask "question" [--json]</c>: one question, one cited answer.</summary>
internal static class AskCommand
{
    public static Command Create(IServiceProvider services)
    {
        var question = new Argument<string>("question") { Description = "The question to answer from the indexed articles." };
        var json = new Option<bool>("--json") { Description = "Print the answer as one JSON object." };
        var explain = new Option<bool>("--explain") { Description = "Also show how the extractive composer scored the best candidate sentences." };
        var command = new Command("ask", "Answer one question with cited snippets.") { question, json, explain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await IndexRunner.EnsureIndexedAsync(services.GetRequiredService<ICorpusIndexer>(), ErrorConsole.Create(), cancellationToken);
            var answer = await services.GetRequiredService<IAnsweringService>().AskAsync(parse.GetValue(question) ?? string.Empty, [], cancellationToken);
            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(JsonSerializer.Serialize(AnswerDto.From(answer), AnswerDto.JsonOptions));
            }
            else
            {
                AnswerPrinter.Print(AnsiConsole.Console, answer);
            }

            if (parse.GetValue(explain))
            {
                await ExplainPrinter.PrintAsync(services, answer, cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
