using QaBot.Core.Indexing;
using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>Runs the indexer with a progress bar on the given console and prints what it did.</summary>
internal static class IndexRunner
{
    public static async Task<IndexReport> RunAsync(ICorpusIndexer indexer, IAnsiConsole console, bool rebuild, CancellationToken cancellationToken)
    {
        IndexReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Indexing", maxValue: 1);
                var progress = new Progress<IndexProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.DocumentsTotal);
                    task.Value = p.DocumentsDone;
                    task.Description = p.CurrentDocumentId is null ? "Indexing" : $"Indexing {ConsoleText.Escape(p.CurrentDocumentId)}";
                });
                report = await indexer.IndexAsync(rebuild, progress, cancellationToken);
                task.Value = task.MaxValue;
                task.Description = "Indexed";
            });

        Print(console, report!);
        return report!;
    }

    public static void Print(IAnsiConsole console, IndexReport report)
    {
        console.MarkupLine(
            $"[green]{report.DocumentsSeen}[/] documents: [green]{report.DocumentsEmbedded}[/] embedded, {report.DocumentsUnchanged} unchanged, " +
            $"{report.DocumentsDeleted} deleted, {report.ChunksWritten} chunks written in {report.Elapsed.TotalSeconds:0.00} s " +
            $"(read {report.Stages.Read.TotalMilliseconds:0} ms, chunk {report.Stages.Chunk.TotalMilliseconds:0} ms, " +
            $"embed {report.Stages.Embed.TotalMilliseconds:0} ms, store {report.Stages.Store.TotalMilliseconds:0} ms).");
        foreach (var skipped in report.Skipped)
        {
            console.MarkupLine($"[yellow]Skipped[/] {ConsoleText.Escape(skipped.Path)}: it {ConsoleText.Escape(skipped.Reason)}");
        }
    }

    /// <summary>Indexes first when the index is missing or out of date (used by ask, chat and eval); progress goes to <paramref name="console"/>.</summary>
    public static async Task EnsureIndexedAsync(ICorpusIndexer indexer, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (await indexer.IsStaleAsync(cancellationToken))
        {
            console.MarkupLine("[grey]The index is missing or out of date; indexing the corpus first.[/]");
            await RunAsync(indexer, console, rebuild: false, cancellationToken);
        }
    }
}
