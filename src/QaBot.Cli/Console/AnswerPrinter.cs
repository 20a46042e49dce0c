using QaBot.Core.Answering;
using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>Prints an answer and its numbered sources for people.</summary>
internal static class AnswerPrinter
{
    public static void Print(IAnsiConsole console, Answer answer)
    {
        console.WriteLine();
        console.MarkupLine(answer.Declined ? $"[yellow]{ConsoleText.Escape(answer.Text)}[/]" : ConsoleText.Escape(answer.Text));
        foreach (var citation in answer.Citations)
        {
            var date = citation.PublishedDate is { } d ? $", {d:yyyy-MM-dd}" : string.Empty;
            console.MarkupLine($"  [bold][[{citation.Number}]][/] {ConsoleText.Escape(citation.Title)} [grey]({ConsoleText.Escape(citation.DocumentId)}{date})[/]");
            if (citation.Url is { } url)
            {
                console.MarkupLine($"      [grey]{ConsoleText.Escape(url)}[/]");
            }

            console.MarkupLine($"      [grey]“{ConsoleText.Escape(citation.Snippet)}”[/]");
        }

        console.MarkupLine($"[grey]{answer.Elapsed.TotalMilliseconds:0} ms, {answer.Composer}[/]");
        console.WriteLine();
    }
}
