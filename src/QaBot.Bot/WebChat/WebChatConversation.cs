using System.Globalization;
using System.Text.Json;
using QaBot.Bot.Channel;

namespace QaBot.Bot.WebChat;

/// <summary>
/// One web chat conversation: the ordered activities both sides sent (bounded), numbered by a watermark
/// the page resumes from, and a signal for readers waiting on the next one.
/// </summary>
public sealed class WebChatConversation
{
    public const int MaxActivities = 500;

    private readonly Lock _gate = new();
    private readonly List<(int Watermark, string Json)> _activities = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;

    public WebChatConversation(string id, DateTimeOffset createdAt)
    {
        Id = id;
        LastActive = createdAt;
    }

    public string Id { get; }

    public DateTimeOffset LastActive { get; private set; }

    /// <summary>Gives the activity an id and timestamp when it has none and appends it; returns its id.</summary>
    public string Append(Activity activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        TaskCompletionSource changed;
        lock (_gate)
        {
            var watermark = _next++;
            activity.Id ??= string.Create(CultureInfo.InvariantCulture, $"{Id}|{watermark:D7}");
            activity.Timestamp ??= now;
            activity.Conversation = new ConversationAccount { Id = Id };
            activity.ChannelId = ChannelIds.WebChat;
            MarkStreamStart(activity);
            _activities.Add((watermark, JsonSerializer.Serialize(activity, BotJson.Options)));
            if (_activities.Count > MaxActivities)
            {
                _activities.RemoveAt(0);
            }

            LastActive = now;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return activity.Id;
    }

    /// <summary>
    /// Gives the first activity of a stream (a typing activity with stream info but no streamId yet) its own id
    /// as streamId, as every later activity of the stream carries. Web Chat places a streamed typing activity
    /// next to the earlier ones with the same streamId; left without one, every turn's first typing activity
    /// matched the first turn's (both undefined) and the later turn's replies were shown under the first
    /// turn's answer, above the questions that came after it.
    /// </summary>
    private static void MarkStreamStart(Activity activity)
    {
        if (activity.Type == ActivityTypes.Typing && activity.ChannelData is { } data && data.ContainsKey("streamType") && !data.ContainsKey("streamId"))
        {
            data["streamId"] = activity.Id;
            foreach (var entity in activity.Entities ?? [])
            {
                if (entity["type"] is System.Text.Json.Nodes.JsonValue type && type.TryGetValue<string>(out var name) && name == "streaminfo")
                {
                    entity["streamId"] = activity.Id;
                }
            }
        }
    }

    /// <summary>Activities from <paramref name="watermark"/> on, and a task that completes when another is appended.</summary>
    public (IReadOnlyList<(int Watermark, string Json)> Activities, Task Changed) ReadFrom(int watermark)
    {
        lock (_gate)
        {
            return ([.. _activities.Where(a => a.Watermark >= watermark)], _changed.Task);
        }
    }
}
