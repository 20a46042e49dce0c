using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace QaBot.Bot.WebChat;

/// <summary>
/// The web chat's conversations, in memory (history for answering is in the conversation store). Ids are
/// random and unguessable; idle conversations are dropped and the count is bounded.
/// </summary>
public sealed class WebChatConversationHub(TimeProvider timeProvider)
{
    public const int MaxConversations = 2_000;
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<string, WebChatConversation> _conversations = new(StringComparer.Ordinal);

    public int Count => _conversations.Count;

    public WebChatConversation Create()
    {
        var now = timeProvider.GetUtcNow();
        if (_conversations.Count >= MaxConversations)
        {
            Evict(now);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var conversation = new WebChatConversation(id, now);
        _conversations[id] = conversation;
        return conversation;
    }

    public WebChatConversation? Find(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var conversation) ? conversation : null;

    private void Evict(DateTimeOffset now)
    {
        foreach (var (id, conversation) in _conversations)
        {
            if (now - conversation.LastActive > IdleLifetime)
            {
                _conversations.TryRemove(id, out _);
            }
        }

        // Still full: drop the least recently active tenth.
        if (_conversations.Count >= MaxConversations)
        {
            foreach (var stale in _conversations.Values.OrderBy(c => c.LastActive).Take(MaxConversations / 10))
            {
                _conversations.TryRemove(stale.Id, out _);
            }
        }
    }
}
