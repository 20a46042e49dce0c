namespace QaBot.Core.Configuration;

/// <summary>The prompt files QaBot loads from <see cref="LlmOptions.PromptsPath"/>.</summary>
public static class PromptFiles
{
    public const string Answer = "answer.prompt";

    public const string Rewrite = "rewrite.prompt";

    public static IReadOnlyList<string> All { get; } = [Answer, Rewrite];
}
