namespace QaBot.Bot.Hosting;

/// <summary>
/// Whether the corpus index can answer, so the bot answers (and /readyz says 200). Four states: indexing at
/// start; ready; failed (indexing at start failed — until a restart); and unreadable (a query found the
/// store failing — until a probe of the store succeeds again, see <see cref="IndexReadinessHealthCheck"/>).
/// </summary>
public sealed class IndexReadiness
{
    /// <summary>What users are told while the index is being built.</summary>
    public const string IndexingMessage = "I'm still reading the news articles. Please ask again in a moment.";

    /// <summary>What users are told while the index has failed or cannot be read.</summary>
    public const string UnavailableMessage = "I can't search the news articles right now: their index is unavailable. The bot's operator can see why in its log. Please try again later.";

    private readonly Lock _gate = new();
    private volatile State _state = State.Indexing;
    private volatile string _status = "indexing";

    private enum State
    {
        Indexing,
        Ready,
        Failed,
        Unreadable,
    }

    public bool IsReady => _state == State.Ready;

    /// <summary>True when indexing failed or the store cannot be read: asking again soon will not help.</summary>
    public bool IsUnavailable => _state is State.Failed or State.Unreadable;

    /// <summary>True while a query found the store failing: /readyz probes it to see whether it recovered.</summary>
    public bool IsUnreadable => _state == State.Unreadable;

    /// <summary>"indexing", "ready", "failed: …" or "unreadable: …" for /readyz.</summary>
    public string Status => _status;

    public void MarkReady()
    {
        lock (_gate)
        {
            _status = "ready";
            _state = State.Ready;
        }
    }

    /// <summary>Indexing at start failed.</summary>
    public void MarkFailed(string reason)
    {
        lock (_gate)
        {
            _status = "failed: " + reason;
            _state = State.Failed;
        }
    }

    /// <summary>A query could not read the store; true when this changed the state (so it is logged once).</summary>
    public bool MarkUnreadable(string reason)
    {
        lock (_gate)
        {
            if (_state is State.Unreadable or State.Failed)
            {
                return false;
            }

            _status = "unreadable: " + reason;
            _state = State.Unreadable;
            return true;
        }
    }

    /// <summary>A probe read the store again; true when this changed the state.</summary>
    public bool MarkReadable()
    {
        lock (_gate)
        {
            if (_state != State.Unreadable)
            {
                return false;
            }

            _status = "ready";
            _state = State.Ready;
            return true;
        }
    }
}
