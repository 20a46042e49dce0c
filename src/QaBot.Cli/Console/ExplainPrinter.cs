using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Answering;
using QaBot.Core.Retrieval;
using QaBot.Core.Text;
using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>
/// Prints, on standard error, how the answer model saw a question: the question's analysis, the
/// thresholds and decision, the best candidate sentences, and a table of their probabilities and
/// features (one column per candidate, one row per feature, with headers).
/// </summary>
internal static class ExplainPrinter
{
    private const int Candidates = 5;

    public static async Task PrintAsync(IServiceProvider services, Answer answer, CancellationToken cancellationToken)
    {
        var retrieval = await services.GetRequiredService<IRetriever>().RetrieveAsync(answer.StandaloneQuery, cancellationToken: cancellationToken);
        var request = new AnswerRequest(answer.Question, answer.StandaloneQuery, [], retrieval.Passages) { Statistics = retrieval.Statistics };
        var explanation = services.GetRequiredService<ExtractiveAnswerComposer>().Explain(request, Candidates, cancellationToken);
        var console = ErrorConsole.Create();
        var q = explanation.Question;
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine($"[grey]form[/] {q.Form} [grey]terms[/] {ConsoleText.Escape(string.Join(", ", q.Stems))} [grey]context[/] {ConsoleText.Escape(string.Join(", ", q.ContextStems))} "
            + $"[grey]names/numbers[/] {ConsoleText.Escape(string.Join(", ", q.KeyStems))} [grey]negated[/] {(q.Negated ? "yes" : "no")}");
        var t = explanation.Thresholds;
        var d = explanation.Decision;
        console.MarkupLine(string.Create(inv,
            $"[grey]confidence[/] {d.Confidence:0.000} [grey]decline below[/] {t.Decline:0.000} [grey]partial below[/] {t.Confident:0.000} [grey]→[/] {(d.Declined ? "declined" : d.Partial ? "answered (partial)" : "answered")}"));
        for (var i = 0; i < explanation.Sentences.Count; i++)
        {
            var s = explanation.Sentences[i];
            console.MarkupLine($"[grey]#{i + 1} {ConsoleText.Escape(s.DocumentId)} passage {s.PassageRank + 1}{(s.Selected ? ", in the answer" : string.Empty)}:[/] {ConsoleText.Escape(s.Sentence)}");
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn("feature");
        for (var i = 0; i < explanation.Sentences.Count; i++)
        {
            table.AddColumn(new TableColumn($"#{i + 1}").RightAligned());
        }

        table.AddRow([new Markup("[bold]probability[/]"), .. explanation.Sentences.Select(s => new Markup($"[bold]{s.Probability.ToString("0.000", inv)}[/]"))]);
        for (var f = 0; f < explanation.FeatureNames.Count; f++)
        {
            table.AddRow([explanation.FeatureNames[f], .. explanation.Sentences.Select(s => s.Features[f].ToString("0.###", inv))]);
        }

        console.Write(table);
    }
}
