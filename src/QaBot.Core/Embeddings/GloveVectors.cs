namespace QaBot.Core.Embeddings;

/// <summary>
/// GloVe word vectors in frequency-rank order (row <c>r</c> of <see cref="Vectors"/> is the vector of
/// <see cref="Words"/>[r]), with their L2 norms and the SIF common component precomputed when the
/// cache was built. Immutable after construction and safe to share between threads.
/// </summary>
internal sealed class GloveVectors
{
    private readonly Dictionary<string, int> _ranks;

    public GloveVectors(string[] words, float[] vectors, float[] norms, int dimensions, float[] commonComponent, double componentSifA)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(norms);
        ArgumentNullException.ThrowIfNull(commonComponent);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (vectors.Length != (long)words.Length * dimensions || norms.Length != words.Length || commonComponent.Length != dimensions)
        {
            throw new ArgumentException("GloVe arrays do not agree with the word count and dimensions.");
        }

        Words = words;
        Vectors = vectors;
        Norms = norms;
        Dimensions = dimensions;
        CommonComponent = commonComponent;
        ComponentSifA = componentSifA;

        _ranks = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var rank = 0; rank < words.Length; rank++)
        {
            _ranks.TryAdd(words[rank], rank); // on a duplicate the more frequent spelling wins
        }

        RankLookup = _ranks.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Words in frequency-rank order (0 = most frequent).</summary>
    public string[] Words { get; }

    /// <summary>Raw vectors, <see cref="Count"/> rows of <see cref="Dimensions"/> floats.</summary>
    public float[] Vectors { get; }

    /// <summary>L2 norm of each row of <see cref="Vectors"/>.</summary>
    public float[] Norms { get; }

    public int Dimensions { get; }

    public int Count => Words.Length;

    /// <summary>Unit first principal component of SIF-weighted word vectors (see <see cref="SifWeighting"/>).</summary>
    public float[] CommonComponent { get; }

    /// <summary>The SIF constant <see cref="CommonComponent"/> was computed with.</summary>
    public double ComponentSifA { get; }

    /// <summary>Rank of a lower-cased word, looked up without allocating a string.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> RankLookup { get; }

    public ReadOnlySpan<float> Vector(int rank) => Vectors.AsSpan(rank * Dimensions, Dimensions);
}
