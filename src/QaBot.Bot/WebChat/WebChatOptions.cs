using System.ComponentModel.DataAnnotations;

namespace QaBot.Bot.WebChat;

/// <summary>
/// Limits of the web chat API, which anyone who can reach the host may call: how many conversations it
/// keeps and for how long, how fast one client may start them, and how many bytes of activities each
/// conversation holds for readers that reconnect.
/// </summary>
public sealed class WebChatOptions
{
    public const string SectionName = "QaBot:WebChat";

    /// <summary>Conversations kept in memory at once; when full, idle and never-used ones make room, else new ones are refused (503).</summary>
    [Range(10, 1_000_000)]
    public int MaxConversations { get; set; } = 2_000;

    /// <summary>A conversation with no activity for this long is dropped when room is needed.</summary>
    [Range(1, 7 * 24 * 60)]
    public int IdleMinutes { get; set; } = 120;

    /// <summary>Conversations one client (IP address; an IPv6 /64) may start per minute (429 above it).</summary>
    [Range(1, 100_000)]
    public int ConversationsPerClientPerMinute { get; set; } = 10;

    /// <summary>Largest activity the page may post (413 above it); a typed question needs a few kilobytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>Memory one conversation's stored activities may take (UTF-16 JSON); the oldest are dropped beyond it.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxConversationBytes { get; set; } = 1024 * 1024;

    /// <summary>Most activities one conversation stores, whatever their size.</summary>
    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 500;
}
