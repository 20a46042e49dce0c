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

        foreach (var note in report.Notes)
        {
            console.MarkupLine($"[grey]Note:[/] {ConsoleText.Escape(note.Path)}: it {ConsoleText.Escape(note.Note)}");
        }

        if (report.OtherFiles.Count > 0)
        {
            var shown = report.OtherFiles.Take(MaxOtherFilesNamed).Select(ConsoleText.Escape);
            var more = report.OtherFiles.Count > MaxOtherFilesNamed ? $" and {report.OtherFiles.Count - MaxOtherFilesNamed} more" : string.Empty;
            console.MarkupLine(
                $"[yellow]Not read[/]: {report.OtherFiles.Count} {(report.OtherFiles.Count == 1 ? "file" : "files")} of other types " +
                $"(QaBot:Corpus:Extensions): {string.Join(", ", shown)}{more}");
        }
    }

    /// <summary>Files of other types named one by one in the summary; the rest are counted.</summary>
    private const int MaxOtherFilesNamed = 20;

    /// <summary>Indexes first when the index is missing or out of date (used by ask, chat and eval); progress goes to <paramref name="console"/>.</summary>
    /// <remarks>
    /// When the corpus folder was emptied, the index is left as it is (the indexer refuses to delete it)
    /// and the question is answered from it, after a warning.
    /// </remarks>
    public static async Task EnsureIndexedAsync(ICorpusIndexer indexer, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (await indexer.IsStaleAsync(cancellationToken))
        {
            console.MarkupLine("[grey]The index is missing or out of date; indexing the corpus first.[/]");
            try
            {
                await RunAsync(indexer, console, rebuild: false, cancellationToken);
            }
            catch (IndexRefusedException ex) when (ex.Reason == IndexRefusal.CorpusEmpty)
            {
                console.MarkupLine($"[yellow]Warning:[/] {ConsoleText.Escape(ex.Message)} Answering from the existing index.");
            }
        }
    }
}
