using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Conversations;

/// <summary>Where conversation history is kept and how much of it.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "QaBot:Conversations";

    /// <summary>SQLite file beside the index (relative paths are resolved against the QaBot root).</summary>
    [Required]
    public string DatabasePath { get; set; } = "data/conversations.db";

    /// <summary>Turns kept per conversation (a question and its answer are two turns).</summary>
    [Range(2, 10_000)]
    public int MaxTurnsPerConversation { get; set; } = 20;

    /// <summary>Longer turn texts are cut to this many characters before they are stored.</summary>
    [Range(100, 1_000_000)]
    public int MaxTurnChars { get; set; } = 8_000;
}
