using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;
using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>Prints, on standard error, how the extractive composer saw a question: its terms, and the top candidate sentences with their scores.</summary>
internal static class ExplainPrinter
{
    public static async Task PrintAsync(IServiceProvider services, Answer answer, CancellationToken cancellationToken)
    {
        var composer = new ExtractiveAnswerComposer(services.GetRequiredService<IOptions<AnsweringOptions>>());
        var request = new AnswerRequest(answer.Question, answer.StandaloneQuery, [], answer.Retrieved);
        var (sentences, absent, question) = await composer.ExplainAsync(request, cancellationToken: cancellationToken);
        var console = ErrorConsole.Create();
        console.MarkupLine($"[grey]type[/] {question.AnswerType} [grey]type words[/] {ConsoleText.Escape(string.Join(", ", question.TypeWords))} " +
            $"[grey]required[/] {ConsoleText.Escape(string.Join(", ", question.RequiredStems))} [grey]context[/] {ConsoleText.Escape(string.Join(", ", question.ContextStems))} " +
            $"[grey]absent from corpus[/] {ConsoleText.Escape(string.Join(", ", absent))}");
        foreach (var s in sentences)
        {
            console.MarkupLine($"[grey]{s.Score:0.000} cov {s.Coverage:0.000} type {(s.TypeMatches ? "yes" : "no ")} rank {s.PassageRank} {ConsoleText.Escape(s.DocumentId)}[/] {ConsoleText.Escape(s.Sentence)}");
        }
    }
}
