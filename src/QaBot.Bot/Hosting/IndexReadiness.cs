namespace QaBot.Bot.Hosting;

/// <summary>Whether the corpus index is loaded, so the bot can answer (and /readyz says 200).</summary>
public sealed class IndexReadiness
{
    private volatile string _status = "indexing";
    private volatile bool _isReady;

    public bool IsReady => _isReady;

    /// <summary>"indexing", "ready" or "failed: ..." for /readyz.</summary>
    public string Status => _status;

    public void MarkReady()
    {
        _status = "ready";
        _isReady = true;
    }

    public void MarkFailed(string reason)
    {
        _status = "failed: " + reason;
        _isReady = false;
    }
}
