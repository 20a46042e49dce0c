using System.Globalization;
using System.Text.Json;
using QaBot.Bot.Channel;

namespace QaBot.Bot.WebChat;

/// <summary>
/// One web chat conversation: the ordered activities both sides sent, numbered by a watermark the page
/// resumes from, and a signal for readers waiting on the next one. What it stores is bounded in count and
/// in bytes: the oldest activities are dropped first (a reader that fell that far behind resumes from the
/// oldest still held).
/// </summary>
public sealed class WebChatConversation
{
    private readonly Lock _gate = new();
    private readonly Queue<(int Watermark, string Json)> _activities = new();
    private readonly int _maxActivities;
    private readonly long _maxBytes;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;
    private long _bytes;
    private int _openStreams;

    public WebChatConversation(string id, DateTimeOffset createdAt, int maxActivities = 500, long maxBytes = 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActivities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        Id = id;
        LastActive = createdAt;
        _maxActivities = maxActivities;
        _maxBytes = maxBytes;
    }

    public string Id { get; }

    public DateTimeOffset LastActive { get; private set; }

    /// <summary>True once the user has posted an activity: the conversation is in use.</summary>
    public bool HasUserActivity { get; private set; }

    /// <summary>Readers (the page's event streams) connected now.</summary>
    public int OpenStreams => Volatile.Read(ref _openStreams);

    /// <summary>Memory the stored activities take (their JSON, UTF-16).</summary>
    public long StoredBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

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
            var json = JsonSerializer.Serialize(activity, BotJson.Options);
            _activities.Enqueue((watermark, json));
            _bytes += SizeOf(json);

            // The newest activity is always kept; older ones go while over either bound.
            while (_activities.Count > 1 && (_activities.Count > _maxActivities || _bytes > _maxBytes))
            {
                _bytes -= SizeOf(_activities.Dequeue().Json);
            }

            if (string.Equals(activity.From?.Role, "user", StringComparison.Ordinal))
            {
                HasUserActivity = true;
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

    /// <summary>Counts a connected reader until the returned handle is disposed.</summary>
    public IDisposable OpenStream()
    {
        Interlocked.Increment(ref _openStreams);
        return new StreamHandle(this);
    }

    private static long SizeOf(string json) => (long)json.Length * sizeof(char);

    private sealed class StreamHandle(WebChatConversation conversation) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref conversation._openStreams);
            }
        }
    }
}
