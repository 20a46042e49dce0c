using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Cli.Bench.Results;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Cli.Bench;

/// <summary>
/// Known-item search: each sampled article's title is the query and the article must come back in the
/// top 10 documents. One retrieval per query returns every candidate of both lists with its vector and
/// keyword rank, so vector-only, BM25-only and hybrid are scored on exactly the lists the retriever fused.
/// </summary>
internal static class RecallBenchmark
{
    public const int Cutoff = 10;

    public static IReadOnlyList<ReutersArticle> Sample(IReadOnlyList<ReutersArticle> articles, int count, int seed)
    {
        var random = new Random(seed);
        return articles.Where(a => a.HasTitleAndBody).OrderBy(_ => random.Next()).Take(count).ToList();
    }

    /// <summary>The titles more than one article of <paramref name="corpus"/> carries (ordinal, as the query is sent).</summary>
    public static IReadOnlySet<string> SharedTitles(IEnumerable<ReutersArticle> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return corpus
            .Where(a => a.Title.Length > 0)
            .GroupBy(a => a.Title, StringComparer.Ordinal)
            .Where(g => g.Skip(1).Any())
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<RecallResult> MeasureAsync(
        IServiceProvider services, IReadOnlyList<ReutersArticle> sample, IReadOnlySet<string> sharedTitles, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sharedTitles);
        var retriever = services.GetRequiredService<IRetriever>();
        var options = services.GetRequiredService<IOptions<RetrievalOptions>>().Value;
        var candidates = options.VectorCandidates + options.KeywordCandidates;
        var vectorRanks = new List<int?>(sample.Count);
        var keywordRanks = new List<int?>(sample.Count);
        var hybridRanks = new List<int?>(sample.Count);
        var sweepRanks = FusionVariant.Sweep.Select(_ => new List<int?>(sample.Count)).ToList();
        foreach (var article in sample)
        {
            var hits = await retriever.RetrieveAsync(article.Title, candidates, cancellationToken);
            var wanted = article.DocumentId;
            hybridRanks.Add(KnownItemScore.RankOf(hits.Select(h => h.Chunk.DocumentId), wanted, Cutoff));
            for (var i = 0; i < FusionVariant.Sweep.Count; i++)
            {
                sweepRanks[i].Add(KnownItemScore.RankOf(FusionVariant.Sweep[i].Order(hits, options).Select(h => h.Chunk.DocumentId), wanted, Cutoff));
            }
            vectorRanks.Add(KnownItemScore.RankOf(
                hits.Where(h => h.VectorRank is not null).OrderBy(h => h.VectorRank).Select(h => h.Chunk.DocumentId), wanted, Cutoff));
            keywordRanks.Add(KnownItemScore.RankOf(
                hits.Where(h => h.KeywordRank is not null).OrderBy(h => h.KeywordRank).Select(h => h.Chunk.DocumentId), wanted, Cutoff));
        }

        var unique = sample.Select((a, i) => (a, i)).Where(x => !sharedTitles.Contains(x.a.Title)).Select(x => x.i).ToList();
        List<int?> Unique(List<int?> ranks) => unique.Select(i => ranks[i]).ToList();
        return new RecallResult(
            sample.Count,
            seed,
            candidates,
            KnownItemScore.From(vectorRanks, Cutoff),
            KnownItemScore.From(keywordRanks, Cutoff),
            KnownItemScore.From(hybridRanks, Cutoff),
            FusionVariant.Sweep.Select((variant, i) => new FusionSweepEntry(variant.Name, KnownItemScore.From(sweepRanks[i], Cutoff))).ToList(),
            new UniqueTitleRecall(
                unique.Count,
                KnownItemScore.From(Unique(vectorRanks), Cutoff),
                KnownItemScore.From(Unique(keywordRanks), Cutoff),
                KnownItemScore.From(Unique(hybridRanks), Cutoff)));
    }
}
