using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Cli.Bench.Results;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Cli.Bench;

/// <summary>
/// Known-item search: each sampled article's title is the query and the article must come back in the
/// top 10 documents. Reuters repeats some headlines word for word ("FED ADDS RESERVES VIA CUSTOMER
/// REPURCHASES" heads 14 articles); such a query cannot single out one of them, so any article with the
/// identical title counts as found (the figures for the sampled article itself are reported beside).
/// One retrieval per query returns every candidate of both lists with its vector and keyword rank, so
/// vector-only, BM25-only and hybrid are scored on exactly the lists the retriever fused.
/// </summary>
internal static class RecallBenchmark
{
    public const int Cutoff = 10;

    /// <summary>The document ids of the articles of <paramref name="corpus"/> by title (ordinal, as the query is sent).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> TitleGroups(IEnumerable<ReutersArticle> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return corpus
            .Where(a => a.Title.Length > 0)
            .GroupBy(a => a.Title, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(a => a.DocumentId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public static async Task<RecallResult> MeasureAsync(
        IServiceProvider services, IReadOnlyList<ReutersArticle> sample, IReadOnlyDictionary<string, IReadOnlySet<string>> titleGroups, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(titleGroups);
        var retriever = services.GetRequiredService<IRetriever>();
        var options = services.GetRequiredService<IOptions<RetrievalOptions>>().Value;
        var candidates = options.VectorCandidates + options.KeywordCandidates;
        var vector = new Ranks(sample.Count);
        var keyword = new Ranks(sample.Count);
        var hybrid = new Ranks(sample.Count);
        var sweepRanks = FusionVariant.Sweep.Select(_ => new List<int?>(sample.Count)).ToList();
        var sharedTitles = 0;
        foreach (var article in sample)
        {
            var hits = (await retriever.RetrieveAsync(article.Title, candidates, cancellationToken: cancellationToken)).Passages;
            var relevant = titleGroups.TryGetValue(article.Title, out var group) ? group : new HashSet<string>(StringComparer.Ordinal) { article.DocumentId };
            sharedTitles += relevant.Count > 1 ? 1 : 0;
            hybrid.Add(hits.Select(h => h.Chunk.DocumentId).ToList(), relevant, article.DocumentId);
            for (var i = 0; i < FusionVariant.Sweep.Count; i++)
            {
                sweepRanks[i].Add(KnownItemScore.RankOf(FusionVariant.Sweep[i].Order(hits, options).Select(h => h.Chunk.DocumentId), relevant, Cutoff));
            }

            vector.Add(FusionVariant.VectorList(hits).Select(h => h.Chunk.DocumentId).ToList(), relevant, article.DocumentId);
            keyword.Add(FusionVariant.KeywordList(hits).Select(h => h.Chunk.DocumentId).ToList(), relevant, article.DocumentId);
        }

        var hybridMisses = sample
            .Select((article, i) => (article, i))
            .Where(x => hybrid.Exact[x.i] is null && keyword.Exact[x.i] is not null)
            .Select(x => new SharedTitleMiss(x.article.DocumentId, x.article.Title, titleGroups.TryGetValue(x.article.Title, out var g) ? g.Count : 1))
            .ToList();

        return new RecallResult(
            sample.Count,
            seed,
            candidates,
            KnownItemScore.From(vector.ByTitle, Cutoff),
            KnownItemScore.From(keyword.ByTitle, Cutoff),
            KnownItemScore.From(hybrid.ByTitle, Cutoff),
            FusionVariant.Sweep.Select((variant, i) => new FusionSweepEntry(variant.Name, KnownItemScore.From(sweepRanks[i], Cutoff))).ToList(),
            new SampledArticleRecall(
                sharedTitles,
                KnownItemScore.From(vector.Exact, Cutoff),
                KnownItemScore.From(keyword.Exact, Cutoff),
                KnownItemScore.From(hybrid.Exact, Cutoff),
                hybridMisses));
    }

    /// <summary>One list's ranks per query: of the first article with the query's title, and of the sampled article itself.</summary>
    private sealed class Ranks(int capacity)
    {
        public List<int?> ByTitle { get; } = new(capacity);

        public List<int?> Exact { get; } = new(capacity);

        public void Add(IReadOnlyList<string> documentIds, IReadOnlySet<string> relevant, string sampled)
        {
            ByTitle.Add(KnownItemScore.RankOf(documentIds, relevant, Cutoff));
            Exact.Add(KnownItemScore.RankOf(documentIds, sampled, Cutoff));
        }
    }
}
