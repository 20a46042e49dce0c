using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Channels;
using QaBot.Core.Configuration;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot teams package --app-id &lt;guid&gt; --endpoint https://host/api/messages [--output qabot-teams.zip]</c>.</summary>
public static class TeamsCommand
{
    public static Command Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var appId = new Option<string>("--app-id") { Description = "The Azure Bot's Microsoft app id (GUID)", Required = true };
        var endpoint = new Option<string>("--endpoint") { Description = "The bot's public https messaging endpoint, e.g. https://qabot.example.com/api/messages", Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Zip to write", DefaultValueFactory = _ => new FileInfo("qabot-teams.zip") };

        var package = new Command("package", "Write the Teams app package (manifest and icons) for an app id and endpoint") { appId, endpoint, output };
        package.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = services.GetService<QaBotRoot>()?.Path ?? QaBotPaths.FindRoot();
            var zipPath = parseResult.GetValue(output)!.FullName;
            if (!Uri.TryCreate(parseResult.GetValue(endpoint), UriKind.Absolute, out var endpointUri))
            {
                await System.Console.Error.WriteLineAsync("--endpoint must be an absolute https URL, e.g. https://qabot.example.com/api/messages").ConfigureAwait(false);
                return 2;
            }

            var starters = await PromptStartersAsync(services, cancellationToken).ConfigureAwait(false);
            try
            {
                var manifest = await TeamsAppPackage.WriteAsync(
                    Path.Combine(root, "teams"),
                    parseResult.GetValue(appId)!,
                    endpointUri,
                    zipPath,
                    starters,
                    cancellationToken).ConfigureAwait(false);
                System.Console.WriteLine(starters.Count == 0
                    ? "No prompt starters: the index is empty and QaBot:Examples:Questions sets none (run `qabot index` first to draw them from the articles)."
                    : $"Prompt starters: {string.Join(" · ", starters)}");
                System.Console.WriteLine($"Wrote {zipPath} (Teams app {manifest["id"]}, manifest {manifest["manifestVersion"]}).");
                System.Console.WriteLine("Upload it in Teams: Apps > Manage your apps > Upload an app.");
                return 0;
            }
            catch (ArgumentException ex)
            {
                await System.Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }
        });

        return new Command("teams", "Microsoft Teams app package") { package };
    }

    /// <summary>Prompt starters about the indexed articles (or the configured examples); none when there is no index to read.</summary>
    private static async Task<IReadOnlyList<string>> PromptStartersAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<CorpusExamples>() is not { } examples)
        {
            return [];
        }

        try
        {
            return (await examples.GetAsync(cancellationToken).ConfigureAwait(false)).PromptStarters();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Core.Storage.StorageException)
        {
            await System.Console.Error.WriteLineAsync($"Could not read the index for prompt starters: {ex.Message}").ConfigureAwait(false);
            return [];
        }
    }
}
