using System.Linq.Expressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings;
using QaBot.Core.Storage;
using QaBot.Core.Text;

namespace QaBot.Core.Retrieval;

/// <summary>
/// Hybrid retrieval: the query's embedding against the chunk collection's vector index (KNN, cosine) and
/// its words against its keyword index (BM25), read through the storage port
/// (<see cref="IHybridCandidateSource"/>, whatever the engine) and fused as <see cref="RetrievalOptions.Fusion"/> says (convex combination of scaled scores by
/// default, or reciprocal ranks). Results carry the fused score and both ranks.
/// </summary>
public sealed class HybridRetriever(
    IHybridCandidateSource collection,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IOptions<RetrievalOptions> options) : IRetriever
{
    public async Task<RetrievalResult> RetrieveAsync(
        string query, int? topK = null, Expression<Func<ChunkRecord, bool>>? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var settings = options.Value;
        var top = topK ?? settings.TopK;
        if (string.IsNullOrWhiteSpace(query))
        {
            return RetrievalResult.Empty;
        }

        // Both lists from ONE read transaction, so a re-index committing meanwhile cannot mix two versions
        // of a document in one answer. (Running the KNN on another connection in parallel saves the BM25
        // time — 7.6 vs 6.1 ms on 20,000 chunks — but two connections see two snapshots.)
        var embedding = await embeddings.GenerateAsync(query, EmbeddingInputType.ForQuery(), cancellationToken).ConfigureAwait(false);
        var candidates = await collection.SearchCandidatesAsync(
            IsZero(embedding.Vector.Span) ? null : embedding.Vector, // only stop words or unknown symbols: nothing to compare
            settings.VectorCandidates,
            query, // the storage's Fts5Query leaves out stop words and the verbs of asking
            settings.KeywordCandidates,
            TermAnalyzer.ContentStems(query).Distinct().ToList(),
            filter,
            cancellationToken).ConfigureAwait(false);
        var vectorHits = candidates.Nearest
            .Where(r => r.Score is { } similarity && similarity >= settings.MinVectorSimilarity)
            .Select(r => new RankedHit<ChunkRecord>(r.Record.ChunkId, r.Record, r.Score!.Value))
            .ToList();
        var keywordHits = candidates.Keywords
            .Select(r => new RankedHit<ChunkRecord>(r.Record.ChunkId, r.Record, r.Score))
            .ToList();

        var passages = Fuse(vectorHits, keywordHits, top, settings)
            .Select(h => new RetrievedChunk(h.Item.ToTextChunk(), h.Score, h.VectorRank, h.VectorScore, h.KeywordRank, h.KeywordScore))
            .ToList();
        return new RetrievalResult(passages, candidates.Statistics);
    }

    /// <summary>
    /// The <paramref name="top"/> items of the two candidate lists fused as <paramref name="settings"/> says
    /// (method, weights, RRF k, the similarity cut-off and both candidate limits). Public so the benchmark
    /// re-fuses the candidates of one retrieval with other settings through exactly this code.
    /// </summary>
    public static IReadOnlyList<FusedHit<T>> Fuse<T>(
        IReadOnlyList<RankedHit<T>> vectorHits, IReadOnlyList<RankedHit<T>> keywordHits, int top, RetrievalOptions settings)
    {
        ArgumentNullException.ThrowIfNull(vectorHits);
        ArgumentNullException.ThrowIfNull(keywordHits);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Fusion switch
        {
            FusionMethod.Convex => ConvexScoreFusion.Fuse(
                // A list shorter than its limit holds every candidate above its floor: the index is smaller,
                // or the similarity cut-off dropped the rest.
                new ScoredList<T>(vectorHits, settings.MinVectorSimilarity, CutOff: vectorHits.Count >= settings.VectorCandidates),
                new ScoredList<T>(keywordHits, Floor: 0, CutOff: keywordHits.Count >= settings.KeywordCandidates),
                top,
                settings.VectorWeight,
                settings.KeywordWeight),
            FusionMethod.Rrf => ReciprocalRankFusion.Fuse(vectorHits, keywordHits, settings.RrfK, top, settings.VectorWeight, settings.KeywordWeight),
            _ => throw new InvalidOperationException($"{RetrievalOptions.SectionName}:Fusion '{settings.Fusion}' is not a fusion method."),
        };
    }

    private static bool IsZero(ReadOnlySpan<float> vector)
    {
        foreach (var x in vector)
        {
            if (x != 0)
            {
                return false;
            }
        }

        return true;
    }
}
