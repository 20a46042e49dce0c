namespace QaBot.Core.Evaluation;

/// <summary>Writes <c>report.json</c>, <c>report.md</c> and <c>report.html</c> into a folder (created if missing).</summary>
public static class EvaluationReportWriter
{
    public const string JsonFileName = "report.json";
    public const string MarkdownFileName = "report.md";
    public const string HtmlFileName = "report.html";

    /// <summary>Writes the three reports and returns their paths (json, md, html).</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(EvaluationReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        Directory.CreateDirectory(directory);
        var files = new (string Name, string Content)[]
        {
            (JsonFileName, EvaluationReportJson.Serialize(report)),
            (MarkdownFileName, MarkdownReport.Render(report)),
            (HtmlFileName, HtmlReport.Render(report)),
        };

        var paths = new List<string>(files.Length);
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }

        return paths;
    }
}
