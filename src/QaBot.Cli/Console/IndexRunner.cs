using System.Globalization;
using QaBot.Core.Indexing;
using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>
/// Runs the indexer and prints what it did. On a terminal a progress bar shows the work, and log lines
/// written meanwhile are held and printed after it, so they cannot break into the bar; piped, it prints
/// a plain line for every tenth of the work.
/// </summary>
internal static class IndexRunner
{
    /// <summary>Standard error as the CLI installed it (held while the progress bar draws); null in tests.</summary>
    public static HeldErrorWriter? ErrorOutput { get; set; }

    public static async Task<IndexReport> RunAsync(ICorpusIndexer indexer, IAnsiConsole console, bool rebuild, CancellationToken cancellationToken)
    {
        var report = console.Profile.Capabilities.Interactive
            ? await RunWithProgressBarAsync(indexer, console, rebuild, cancellationToken)
            : await RunWithProgressLinesAsync(indexer, console, rebuild, cancellationToken);
        Print(console, report);
        return report;
    }

    public static void Print(IAnsiConsole console, IndexReport report)
    {
        var summary = $"[green]{report.DocumentsSeen}[/] documents: [green]{report.DocumentsEmbedded}[/] embedded, {report.DocumentsUnchanged} unchanged, " +
            $"{report.DocumentsDeleted} deleted, {report.ChunksWritten} chunks written in {report.Elapsed.TotalSeconds:0.00} s";
        console.MarkupLine(summary + " " + Stages(report) + ".");
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

    /// <summary>The time of each stage that did work: an unchanged corpus embeds, chunks and stores nothing, so says so.</summary>
    internal static string Stages(IndexReport report)
    {
        var stages = report.Stages;
        if (report.DocumentsEmbedded == 0 && report.ChunksWritten == 0)
        {
            return report.DocumentsDeleted > 0
                ? $"(nothing to embed; read {stages.Read.TotalMilliseconds:0} ms, store {stages.Store.TotalMilliseconds:0} ms)"
                : $"(nothing changed; read {stages.Read.TotalMilliseconds:0} ms)";
        }

        return $"(read {stages.Read.TotalMilliseconds:0} ms, chunk {stages.Chunk.TotalMilliseconds:0} ms, " +
            $"embed {stages.Embed.TotalMilliseconds:0} ms, store {stages.Store.TotalMilliseconds:0} ms)";
    }

    private static async Task<IndexReport> RunWithProgressBarAsync(ICorpusIndexer indexer, IAnsiConsole console, bool rebuild, CancellationToken cancellationToken)
    {
        IndexReport? report = null;
        using (ErrorOutput?.Hold())
        {
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
        }

        return report!;
    }

    private static async Task<IndexReport> RunWithProgressLinesAsync(ICorpusIndexer indexer, IAnsiConsole console, bool rebuild, CancellationToken cancellationToken)
    {
        var gate = new Lock();
        var lastTenth = -1;
        var announced = false;
        var progress = new SynchronousProgress<IndexProgress>(p =>
        {
            lock (gate)
            {
                if (p.DocumentsTotal <= 0)
                {
                    return;
                }

                if (!announced)
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexing {p.DocumentsTotal:N0} {(p.DocumentsTotal == 1 ? "document" : "documents")}…"));
                    announced = true;
                }

                var tenth = (int)(10L * p.DocumentsDone / p.DocumentsTotal);
                if (tenth > lastTenth && p.DocumentsDone > 0)
                {
                    lastTenth = tenth;
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.DocumentsDone:N0}/{p.DocumentsTotal:N0} documents ({100L * p.DocumentsDone / p.DocumentsTotal}%)"));
                }
            }
        });
        return await indexer.IndexAsync(rebuild, progress, cancellationToken);
    }

    /// <summary>Reports on the indexer's thread, in order (<see cref="Progress{T}"/> would post to the thread pool and could reorder lines).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
