using QaBot.Core.Indexing;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>An indexer double that is up to date, or that holds the bot unready until released.</summary>
public sealed class FakeCorpusIndexer : ICorpusIndexer
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeCorpusIndexer(bool stale = false)
    {
        Stale = stale;
        if (!stale)
        {
            _release.SetResult();
        }
    }

    public bool Stale { get; }

    public int IndexRuns { get; private set; }

    /// <summary>Answer like an index built by another embedding model: refuse to update, accept a rebuild.</summary>
    public bool BuiltByAnotherModel { get; init; }

    public List<bool> RebuildFlags { get; } = [];

    /// <summary>Fail every index run (a broken corpus or database).</summary>
    public bool Fails { get; init; }

    public void Release() => _release.TrySetResult();

    public async Task<IndexReport> IndexAsync(bool rebuild = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        IndexRuns++;
        RebuildFlags.Add(rebuild);
        if (Fails)
        {
            throw new IOException("disk full");
        }

        if (BuiltByAnotherModel && !rebuild)
        {
            throw new QaBot.Core.Storage.IndexMismatchException("built with model A, configured model B");
        }

        await _release.Task.WaitAsync(cancellationToken);
        return new IndexReport(1, 1, 0, 0, 1, [], TimeSpan.Zero, new IndexStageTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
    }

    public Task<bool> IsStaleAsync(CancellationToken cancellationToken = default) => Task.FromResult(Stale);
}
