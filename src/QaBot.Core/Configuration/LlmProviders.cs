namespace QaBot.Core.Configuration;

/// <summary>The values <see cref="LlmOptions.Provider"/> accepts.</summary>
public static class LlmProviders
{
    public const string OpenAI = "OpenAI";

    public const string AzureOpenAI = "AzureOpenAI";

    public const string OpenAICompatible = "OpenAICompatible";

    public static IReadOnlyList<string> All { get; } = [OpenAI, AzureOpenAI, OpenAICompatible];

    /// <summary>The canonical spelling of <paramref name="value"/>, or null when it names no provider.</summary>
    public static string? Normalize(string? value) =>
        All.FirstOrDefault(p => string.Equals(p, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
