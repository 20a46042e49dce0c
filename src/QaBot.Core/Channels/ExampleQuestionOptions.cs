using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Channels;

/// <summary>The example questions the web chat, the welcome message and Teams' prompt starters offer.</summary>
public sealed class ExampleQuestionOptions
{
    public const string SectionName = "QaBot:Examples";

    /// <summary>Questions to offer as they are; when empty, questions are drawn from the indexed articles.</summary>
    public List<string> Questions { get; set; } = [];

    /// <summary>How many examples to offer.</summary>
    [Range(1, 10)]
    public int Count { get; set; } = 3;
}
