using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QaBot.Core.Channels;

/// <summary>
/// Writes the Teams app package (a zip of <c>manifest.json</c>, <c>color.png</c> and <c>outline.png</c>) from
/// the template in <c>teams/</c>, filling in the bot's app id and the public endpoint's address.
/// </summary>
public static class TeamsAppPackage
{
    public const string ManifestFileName = "manifest.json";
    public static readonly IReadOnlyList<string> IconFileNames = ["color.png", "outline.png"];

    /// <summary>Writes the zip and returns the manifest that went into it.</summary>
    /// <param name="templateFolder">The <c>teams/</c> folder with the manifest template and icons.</param>
    /// <param name="appId">The Azure Bot's Microsoft app id (a GUID); used as the Teams app id and bot id.</param>
    /// <param name="endpoint">The bot's public https address, e.g. <c>https://qabot.example.com/api/messages</c>.</param>
    /// <param name="outputPath">Where to write the zip.</param>
    /// <param name="promptStarters">The bot's prompt starters (<c>commandLists</c>); none when empty. At most 10, each at most 32 characters.</param>
    public static async Task<JsonObject> WriteAsync(string templateFolder, string appId, Uri endpoint, string outputPath, IReadOnlyList<string>? promptStarters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(templateFolder);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!Guid.TryParse(appId, out var appGuid))
        {
            throw new ArgumentException("The app id must be the bot's Microsoft app id (a GUID).", nameof(appId));
        }

        if (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The endpoint must be an absolute https URL (Teams only calls https).", nameof(endpoint));
        }

        var manifest = await CreateManifestAsync(templateFolder, appGuid, endpoint, promptStarters, cancellationToken).ConfigureAwait(false);

        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var temporary = outputPath + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry(ManifestFileName, CompressionLevel.Optimal);
            await using (var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, manifest, new JsonSerializerOptions { WriteIndented = true }, cancellationToken).ConfigureAwait(false);
            }

            foreach (var icon in IconFileNames)
            {
                var iconEntry = zip.CreateEntry(icon, CompressionLevel.Optimal);
                await using var target = await iconEntry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var source = File.OpenRead(Path.Combine(templateFolder, icon));
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(temporary, outputPath, overwrite: true);
        return manifest;
    }

    /// <summary>The manifest template with the placeholders filled in.</summary>
    public static async Task<JsonObject> CreateManifestAsync(string templateFolder, Guid appId, Uri endpoint, IReadOnlyList<string>? promptStarters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var template = await File.ReadAllTextAsync(Path.Combine(templateFolder, ManifestFileName), cancellationToken).ConfigureAwait(false);
        var baseUrl = endpoint.GetLeftPart(UriPartial.Authority);
        var filled = template
            .Replace("${{APP_ID}}", appId.ToString("D"), StringComparison.Ordinal)
            .Replace("${{BASE_URL}}", baseUrl, StringComparison.Ordinal)
            .Replace("${{DOMAIN}}", endpoint.IsDefaultPort ? endpoint.IdnHost : $"{endpoint.IdnHost}:{endpoint.Port}", StringComparison.Ordinal);
        var manifest = JsonNode.Parse(filled)?.AsObject() ?? throw new InvalidDataException("The Teams manifest template is not a JSON object.");
        SetPromptStarters(manifest, promptStarters ?? []);
        return manifest;
    }

    /// <summary>Writes the bot's <c>commandLists</c> (prompt starters), within Teams' limits; removes it when there are none.</summary>
    private static void SetPromptStarters(JsonObject manifest, IReadOnlyList<string> starters)
    {
        if (manifest["bots"] is not JsonArray bots)
        {
            return;
        }

        var commands = new JsonArray();
        foreach (var starter in starters.Select(s => s.Trim()).Where(s => s.Length is > 0 and <= CorpusOverview.MaxPromptStarterChars).Distinct(StringComparer.OrdinalIgnoreCase).Take(CorpusOverview.MaxPromptStarters))
        {
            commands.Add(new JsonObject { ["title"] = starter, ["description"] = "Ask QaBot; the answer cites the articles" });
        }

        foreach (var bot in bots.OfType<JsonObject>())
        {
            if (commands.Count == 0)
            {
                bot.Remove("commandLists");
                continue;
            }

            bot["commandLists"] = new JsonArray(new JsonObject
            {
                ["scopes"] = bot["scopes"]?.DeepClone() ?? new JsonArray("personal"),
                ["commands"] = commands.DeepClone(),
            });
        }
    }
}
