namespace QaBot.Bot.Channel;

/// <summary>Collects a turn's replies for the HTTP response (<c>deliveryMode: expectReplies</c>).</summary>
public sealed class BufferedActivitySender : IActivitySender
{
    private readonly List<Activity> _activities = [];
    private readonly Lock _gate = new();

    public bool SupportsStreaming => false;

    public IReadOnlyList<Activity> Activities
    {
        get
        {
            lock (_gate)
            {
                return [.. _activities];
            }
        }
    }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            activity.Id ??= $"reply-{_activities.Count + 1}";
            _activities.Add(activity);
        }

        return Task.FromResult(new ResourceResponse(activity.Id));
    }
}
