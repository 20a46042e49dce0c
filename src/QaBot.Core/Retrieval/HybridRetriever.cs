using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Configuration;
using QaBot.Core.Storage;
using QaBot.Core.Text;

namespace QaBot.Core.Retrieval;

/// <summary>
/// Hybrid retrieval: the query's embedding against vec0 (KNN, cosine) and its words against FTS5
/// (BM25), fused by reciprocal-rank fusion. Results carry the fused score and both ranks.
/// </summary>
public sealed class HybridRetriever(
    SqliteVecChunkCollection collection,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IOptions<RetrievalOptions> options) : IRetriever
{
    public async Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string query, int? topK = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var settings = options.Value;
        var top = topK ?? settings.TopK;
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        // The KNN scan and the BM25 query are both CPU-bound SQLite calls (Microsoft.Data.Sqlite runs them
        // synchronously): run the KNN on another thread meanwhile, so a query costs the longer of the two.
        var vectorSearch = Task.Run(() => VectorSearchAsync(query, settings, cancellationToken), cancellationToken);
        var keywordHits = (await collection.KeywordSearchAsync(KeywordQuery(query), settings.KeywordCandidates, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(r => new RankedHit<ChunkRecord>(r.Record.ChunkId, r.Record, r.Score))
            .ToList();
        var vectorHits = await vectorSearch.ConfigureAwait(false);

        return ReciprocalRankFusion.Fuse(vectorHits, keywordHits, settings.RrfK, top, settings.VectorWeight, settings.KeywordWeight)
            .Select(h => new RetrievedChunk(h.Item.ToTextChunk(), h.Score, h.VectorRank, h.VectorScore, h.KeywordRank, h.KeywordScore))
            .ToList();
    }

    private async Task<List<RankedHit<ChunkRecord>>> VectorSearchAsync(string query, RetrievalOptions settings, CancellationToken cancellationToken)
    {
        var embedding = await embeddings.GenerateAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false);
        var hits = new List<RankedHit<ChunkRecord>>();
        if (IsZero(embedding.Vector.Span))
        {
            return hits; // only stop words or unknown symbols: nothing to compare
        }

        await foreach (var result in collection.SearchAsync(embedding.Vector, settings.VectorCandidates, new VectorSearchOptions<ChunkRecord>(), cancellationToken).ConfigureAwait(false))
        {
            if (result.Score is { } similarity && similarity >= settings.MinVectorSimilarity)
            {
                hits.Add(new RankedHit<ChunkRecord>(result.Record.ChunkId, result.Record, similarity));
            }
        }

        return hits;
    }

    /// <summary>
    /// The words BM25 should weigh: the query without stop words ("what", "the", "for" match nearly
    /// every chunk and only blur the ranking). A query of nothing but stop words is used as it is.
    /// </summary>
    internal static string KeywordQuery(string query)
    {
        var words = WordTokenizer.Tokenize(query).Where(t => !TermAnalyzer.QuestionNoise.Contains(t)).ToList();
        return words.Count == 0 ? query : string.Join(' ', words);
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
