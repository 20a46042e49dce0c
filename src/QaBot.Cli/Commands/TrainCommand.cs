using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Cli.Bench;
using QaBot.Core.Answering;
using QaBot.Core.Answering.Encoding;
using QaBot.Core.Answering.Model;
using QaBot.Core.Answering.Training;
using QaBot.Core.Configuration;
using QaBot.Core.Evaluation;
using QaBot.Core.Indexing;
using QaBot.Core.Retrieval;
using Spectre.Console;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot train [--set NAME=QUESTIONS.jsonl=CORPUS_DIR[=article]]… [--out models/answer-model.zip] [--no-cv]</c>:
/// indexes each set's corpus into its own database under data/train/, runs every question through the
/// real question path, fits the answer model with leave-one-article-out cross-validation, chooses its
/// thresholds on the held-out decisions, and writes the model, its description and its report
/// (models/README.md).
/// </summary>
internal static class TrainCommand
{
    public const string DefaultCommandLine = "dotnet run -c Release --project src/QaBot.Cli -- train";

    public static Command Create(IServiceProvider services)
    {
        var sets = new Option<string[]>("--set")
        {
            Description = "A training set NAME=QUESTIONS.jsonl=CORPUS_DIR, with =article to fold by article (document id without its _NNN paragraph number). "
                + "Default: squad2 (../shared/eval/squad2, by article) and dev (eval/dev.jsonl on seeds/).",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "Where the model goes (its .json description and README.md beside it).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(QaBotPaths.FindRoot(), "models", "answer-model.zip")),
        };
        var noCv = new Option<bool>("--no-cv") { Description = "Skip cross-validation (no held-out figures; thresholds stay as configured)." };
        var trees = new Option<int>("--trees") { Description = "Boosting rounds.", DefaultValueFactory = _ => 300 };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree.", DefaultValueFactory = _ => 16 };
        var dump = new Option<FileInfo?>("--features-out") { Description = "Also write every candidate's features and label as TSV." };
        var command = new Command("train", "Fit the answer model on question sets (leave-one-article-out held-out figures).")
        {
            sets, output, noCv, trees, leaves, dump,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            services,
            parse.GetValue(sets) ?? [],
            parse.GetValue(output)!,
            !parse.GetValue(noCv),
            new AnswerModelTrainer.Settings(Trees: parse.GetValue(trees), Leaves: parse.GetValue(leaves)),
            parse.GetValue(dump),
            cancellationToken));
        return command;
    }

    private sealed record SetSpec(string Name, string Questions, string Corpus, bool ByArticle);

    private static async Task<int> RunAsync(
        IServiceProvider services, string[] setArguments, FileInfo output, bool crossValidate, AnswerModelTrainer.Settings settings, FileInfo? dump, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var root = services.GetRequiredService<QaBotRoot>().Path;
        var answering = services.GetRequiredService<IOptions<AnsweringOptions>>().Value;
        var specs = new List<SetSpec>();
        foreach (var argument in setArguments.Length > 0 ? setArguments : DefaultSets(root))
        {
            var parts = argument.Split('=');
            if (parts.Length is < 3 or > 4 || parts.Take(3).Any(string.IsNullOrWhiteSpace) || (parts.Length == 4 && parts[3] != "article"))
            {
                console.MarkupLine($"[red]--set '{Markup.Escape(argument)}' is not NAME=QUESTIONS.jsonl=CORPUS_DIR[=article].[/]");
                return 2;
            }

            var spec = new SetSpec(parts[0], Path.GetFullPath(parts[1], root), Path.GetFullPath(parts[2], root), parts.Length == 4);
            if (!File.Exists(spec.Questions) || !Directory.Exists(spec.Corpus))
            {
                console.MarkupLine($"[red]Set {Markup.Escape(spec.Name)}: '{Markup.Escape(spec.Questions)}' or '{Markup.Escape(spec.Corpus)}' does not exist.[/]");
                return 2;
            }

            specs.Add(spec);
        }

        var encoder = services.GetRequiredService<AnswerEncoder>();
        var cases = new List<TrainingCase>();
        foreach (var spec in specs)
        {
            var questions = await QuestionSetReader.ReadFileAsync(spec.Questions, cancellationToken);
            var database = Path.Combine(root, "data", "train", spec.Name + ".db");
            await using var corpusServices = BenchHost.Create(root, spec.Corpus, database, null, verbose: false);
            var indexer = corpusServices.GetRequiredService<ICorpusIndexer>();
            IndexReport report;
            try
            {
                report = await indexer.IndexAsync(rebuild: false, progress: null, cancellationToken);
            }
            catch (Core.Storage.IndexMismatchException)
            {
                report = await indexer.IndexAsync(rebuild: true, progress: null, cancellationToken);
            }

            console.MarkupLine($"[grey]{Markup.Escape(spec.Name)}:[/] {questions.Cases.Count} questions, corpus {report.DocumentsSeen} documents ({report.DocumentsEmbedded} indexed now)");
            var built = await TrainingSetBuilder.BuildAsync(
                spec.Name,
                questions,
                corpusServices.GetRequiredService<IQueryRewriter>(),
                corpusServices.GetRequiredService<IRetriever>(),
                encoder,
                answering.MaxCandidates,
                new TrainingSetBuilder.Grouping(spec.ByArticle),
                new Progress<int>(n =>
                {
                    if (n % 500 == 0)
                    {
                        console.MarkupLine($"[grey]  {n} questions read[/]");
                    }
                }),
                cancellationToken);
            var withAnswer = built.Count(c => c.Case.Answerable && c.HasPositive);
            console.MarkupLine($"[grey]  {built.Count(c => c.Case.Answerable)} answerable, {withAnswer} with the answer among the candidates; groups: {Markup.Escape(string.Join(", ", built.Select(c => c.Group).Distinct()))}[/]");
            cases.AddRange(built);
        }

        if (dump is not null)
        {
            await WriteFeaturesAsync(dump.FullName, cases, cancellationToken);
        }

        var template = new AnswerModelInfo(
            AnswerModelInfo.CurrentVersion,
            AnswerFeatures.Names,
            encoder.ModelId,
            answering.DeclineThreshold ?? 0.5,
            answering.ConfidentThreshold ?? 0.7,
            answering.ExtraSentenceRatio ?? 1.0,
            answering.SameDocumentRatio ?? 1.0,
            [.. specs.Select(s => s.Name)],
            DateTimeOffset.UtcNow,
            DefaultCommandLine);
        var result = AnswerModelTraining.Train(
            cases, template, settings, answering.MaxSentences, answering.MaxAnswerChars, crossValidate,
            new Progress<string>(m => console.MarkupLine($"[grey]{Markup.Escape(m)}[/]")));

        result.Model.Save(output.FullName);
        var readme = Path.Combine(output.DirectoryName!, "README.md");
        var setLines = specs.Select(s => $"{s.Name} ({Path.GetRelativePath(root, s.Questions)} on {Path.GetRelativePath(root, s.Corpus)}{(s.ByArticle ? ", folds by article" : ", one fold")})").ToList();
        await File.WriteAllTextAsync(readme, TrainingReport.ToMarkdown(result, setLines, DefaultCommandLine), cancellationToken);
        console.MarkupLine($"Wrote {Markup.Escape(output.FullName)} and {Markup.Escape(readme)} in {result.Elapsed.TotalMinutes:F1} min.");
        if (result.Overall is { } overall)
        {
            foreach (var (set, f) in result.BySet)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Markup.Escape(set)} held out: answerable answered right {f.AnswerableAccuracy:F3}, unanswerable declined {f.DeclineRate:F3}, citation precision {f.CitationPrecision:F3}"));
            }

            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"thresholds: decline {result.Model.Info.DeclineThreshold:F3}, confident {result.Model.Info.ConfidentThreshold:F3}, extra {result.Model.Info.ExtraSentenceRatio:F2}; all held out balanced {overall.Balanced:F3}"));
        }

        return 0;
    }

    private static string[] DefaultSets(string root) =>
    [
        $"squad2={Path.Combine(root, "..", "shared", "eval", "squad2", "questions.jsonl")}={Path.Combine(root, "..", "shared", "eval", "squad2", "corpus")}=article",
        $"dev={Path.Combine(root, "eval", "dev.jsonl")}={Path.Combine(root, "seeds")}",
    ];

    private static string Tsv(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static async Task WriteFeaturesAsync(string path, IReadOnlyList<TrainingCase> cases, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync("set\tgroup\tcase\tanswerable\tcandidate\tdocument\tlabel\tquestion\tsentence\t" + string.Join('\t', AnswerFeatures.Names));
        foreach (var c in cases)
        {
            for (var i = 0; i < c.Labels.Count; i++)
            {
                var values = string.Join('\t', c.Features.Features[i].Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
                await writer.WriteLineAsync($"{c.Set}\t{c.Group}\t{c.Case.Id}\t{(c.Case.Answerable ? 1 : 0)}\t{i}\t{c.Features.Candidates[i].DocumentId}\t{(c.Labels[i] ? 1 : 0)}\t{Tsv(c.Case.Question)}\t{Tsv(c.Features.Candidates[i].Text)}\t{values}");
            }
        }
    }
}
