using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace QaBot.Bot.Channel;

/// <summary>
/// Recognises an activity the bot has already taken (same channel, conversation and id): channels retry
/// after timeouts and proxies replay requests, and a replay must not be answered — or stored — twice.
/// Ids are remembered in memory for <see cref="BotChannelOptions.ReplayWindowMinutes"/>, at most
/// <see cref="BotChannelOptions.MaxRememberedActivities"/> of them (the oldest are forgotten first).
/// </summary>
public sealed class ActivityReplayGuard(IOptions<BotChannelOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, DateTimeOffset SeenAt)> _order = new();
    private readonly Lock _trimGate = new();

    public int Count => _seen.Count;

    /// <summary>
    /// True the first time an activity is offered (the caller processes it); false for a replay. Activities
    /// without an id cannot be recognised and are always taken.
    /// </summary>
    public bool TryTake(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.Id) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return true;
        }

        var now = timeProvider.GetUtcNow();
        var key = string.Join('\u001F', activity.ChannelId ?? string.Empty, activity.Conversation.Id, activity.Id);
        Trim(now);
        if (!_seen.TryAdd(key, now))
        {
            return false;
        }

        _order.Enqueue((key, now));
        return true;
    }

    /// <summary>Forgets ids older than the window, and the oldest beyond the bound.</summary>
    private void Trim(DateTimeOffset now)
    {
        var settings = options.Value;
        var oldest = now - TimeSpan.FromMinutes(settings.ReplayWindowMinutes);
        lock (_trimGate)
        {
            while (_order.TryPeek(out var entry) && (entry.SeenAt < oldest || _seen.Count >= settings.MaxRememberedActivities))
            {
                _order.TryDequeue(out _);
                _seen.TryRemove(entry.Key, out _);
            }
        }
    }
}
