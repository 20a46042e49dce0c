using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace QaBot.Bot.WebChat;

/// <summary>
/// The web chat's conversations, in memory (history for answering is in the conversation store). Ids are
/// random and unguessable, and the count is bounded. A conversation in use — the user posted to it, or a
/// page is reading it — is never dropped to make room for a new one: when the hub is full, idle
/// conversations go first, then ones nobody ever used, and if none of those remain a new conversation is
/// refused (the caller answers 503) rather than an active one lost.
/// </summary>
public sealed class WebChatConversationHub(IOptions<WebChatOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, WebChatConversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();

    public int Count => _conversations.Count;

    /// <summary>A new conversation, or null when the hub is full of conversations in use.</summary>
    public WebChatConversation? TryCreate()
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var conversation = new WebChatConversation(id, now, settings.MaxActivitiesPerConversation, settings.MaxConversationBytes);
        lock (_createGate)
        {
            if (_conversations.Count >= settings.MaxConversations && !MakeRoom(now, settings))
            {
                return null;
            }

            _conversations[id] = conversation;
        }

        return conversation;
    }

    public WebChatConversation? Find(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var conversation) ? conversation : null;

    /// <summary>Drops idle conversations, then unused ones (oldest first, up to a tenth); true when there is room.</summary>
    private bool MakeRoom(DateTimeOffset now, WebChatOptions settings)
    {
        var idleLifetime = TimeSpan.FromMinutes(settings.IdleMinutes);
        foreach (var (id, conversation) in _conversations)
        {
            if (now - conversation.LastActive > idleLifetime && conversation.OpenStreams == 0)
            {
                _conversations.TryRemove(id, out _);
            }
        }

        if (_conversations.Count < settings.MaxConversations)
        {
            return true;
        }

        var unused = _conversations.Values
            .Where(c => !c.HasUserActivity && c.OpenStreams == 0)
            .OrderBy(c => c.LastActive)
            .Take(Math.Max(1, settings.MaxConversations / 10));
        foreach (var stale in unused)
        {
            _conversations.TryRemove(stale.Id, out _);
        }

        return _conversations.Count < settings.MaxConversations;
    }
}
