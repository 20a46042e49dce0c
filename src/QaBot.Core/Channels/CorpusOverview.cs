namespace QaBot.Core.Channels;

/// <summary>
/// How many articles are indexed, example questions about them, and — when the examples were drawn from
/// the articles — the names they ask about (shorter prompts, such as Teams' prompt starters, use those).
/// </summary>
public sealed record CorpusOverview(long Documents, IReadOnlyList<string> Questions)
{
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Teams allows at most 10 prompt starters, with titles of at most 32 characters.</summary>
    public const int MaxPromptStarters = 10;

    public const int MaxPromptStarterChars = 32;

    /// <summary>
    /// Prompt starters that keep Teams' limits: the example questions that fit, then "Tell me about …"
    /// for the topics whose question does not.
    /// </summary>
    public IReadOnlyList<string> PromptStarters()
    {
        var starters = new List<string>();
        foreach (var candidate in Questions.Concat(Topics.Select(t => "Tell me about " + t)))
        {
            if (candidate.Length <= MaxPromptStarterChars && starters.Count < MaxPromptStarters && !starters.Contains(candidate, StringComparer.OrdinalIgnoreCase))
            {
                starters.Add(candidate);
            }
        }

        return starters;
    }
}
