using System.Linq.Expressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;
using QaBot.Core.Storage;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Answering;

public sealed class AnsweringServiceTests
{
    [Fact]
    public async Task NoMoreRetrievalsRunAtOnceThanConfigured()
    {
        var retriever = new GatedRetriever();
        using var service = Create(retriever, maxConcurrentRetrievals: 2);

        var asks = Enumerable.Range(0, 6).Select(i => service.AskAsync($"Question number {i} about trade?", [])).ToList();
        await retriever.WaitForRunningAsync(2);
        await Task.Delay(100); // give any extra retrieval the chance to start if the limit leaked
        Assert.Equal(2, retriever.Running);

        retriever.Open();
        await Task.WhenAll(asks);
        Assert.Equal(2, retriever.MostAtOnce);
        Assert.Equal(6, retriever.Calls);
    }

    [Fact]
    public async Task AnEmptyQuestionIsAnsweredWithoutRetrieval()
    {
        var retriever = new FixedRetriever([]);
        using var service = Create(retriever);

        var answer = await service.AskAsync("  ", []);

        Assert.True(answer.Declined);
        Assert.Empty(retriever.Queries);
    }

    private static AnsweringService Create(IRetriever retriever, int maxConcurrentRetrievals = 0)
    {
        var options = Options.Create(new AnsweringOptions { MaxConcurrentRetrievals = maxConcurrentRetrievals });
        return new AnsweringService(
            new FollowUpQueryRewriter(),
            retriever,
            ComposerFactory.Extractive(options),
            options,
            TimeProvider.System,
            NullLogger<AnsweringService>.Instance);
    }

    /// <summary>Holds every retrieval until opened, counting how many run at once.</summary>
    private sealed class GatedRetriever : IRetriever
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int running;
        private int mostAtOnce;
        private int calls;

        public int Running => Volatile.Read(ref running);

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public int Calls => Volatile.Read(ref calls);

        public void Open() => gate.TrySetResult();

        public async Task WaitForRunningAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Running < count)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        public async Task<RetrievalResult> RetrieveAsync(
            string query, int? topK = null, Expression<Func<ChunkRecord, bool>>? filter = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref calls);
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            try
            {
                await gate.Task.WaitAsync(cancellationToken);
                return RetrievalResult.Empty;
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
