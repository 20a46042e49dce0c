using Microsoft.SemanticKernel;

namespace QaBot.Core.Answering.Llm;

/// <summary>
/// Reads a prompt file: a header of <c>key: value</c> lines (name, description, variables), a line
/// holding <c>---</c>, then the template in Semantic Kernel's basic syntax (<c>{{$variable}}</c>,
/// <c>&lt;message role="…"&gt;</c> blocks). Variables are never marked as safe content, so Semantic
/// Kernel encodes their values and a document cannot add or close a message.
/// </summary>
internal static class PromptFileLoader
{
    private const string Separator = "---";

    public static PromptTemplateConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The prompt file {path} does not exist.", path);
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static PromptTemplateConfig Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var separator = Array.FindIndex(lines, l => l.Trim() == Separator);
        if (separator < 0)
        {
            throw new FormatException($"The prompt file {fileName} has no '{Separator}' line between its header and its template.");
        }

        var header = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines[..separator])
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"The prompt file {fileName} has a header line without 'key: value': '{line}'.");
            }

            header[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var template = string.Join('\n', lines[(separator + 1)..]).Trim();
        if (template.Length == 0)
        {
            throw new FormatException($"The prompt file {fileName} has an empty template.");
        }

        var config = new PromptTemplateConfig(template)
        {
            Name = header.GetValueOrDefault("name") ?? Path.GetFileNameWithoutExtension(fileName),
            Description = header.GetValueOrDefault("description") ?? string.Empty,
            TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat,
            AllowDangerouslySetContent = false,
        };
        foreach (var variable in (header.GetValueOrDefault("variables") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            config.InputVariables.Add(new InputVariable { Name = variable, IsRequired = true, AllowDangerouslySetContent = false });
        }

        return config;
    }
}
