using System.Numerics.Tensors;

namespace QaBot.Core.Embeddings;

/// <summary>
/// Smooth inverse frequency (Arora et al., 2017) for a vocabulary known only by frequency rank:
/// p(w) follows Zipf's law, p(rank r) = 1 / ((r + 1) · H(N)), and a word weighs a / (a + p(w)).
/// Word vectors are used at unit length, so the weight alone decides a word's share.
/// </summary>
internal static class SifWeighting
{
    private const int MaxPowerIterations = 200;

    /// <summary>Zipf probability of each rank in a vocabulary of <paramref name="count"/> words.</summary>
    public static double Probability(int rank, int count) => 1.0 / ((rank + 1) * Harmonic(count));

    public static double Weight(double probability, double sifA) => sifA / (sifA + probability);

    /// <summary>Per-rank coefficient applied to the raw vector: SIF weight divided by the vector's norm.</summary>
    public static float[] Coefficients(float[] norms, double sifA)
    {
        var harmonic = Harmonic(norms.Length);
        var coefficients = new float[norms.Length];
        for (var rank = 0; rank < norms.Length; rank++)
        {
            var norm = norms[rank];
            coefficients[rank] = norm > 0f ? (float)(Weight(1.0 / ((rank + 1) * harmonic), sifA) / norm) : 0f;
        }

        return coefficients;
    }

    /// <summary>Weight of a word outside the vocabulary: as rare as a word ranked just after the last.</summary>
    public static float OutOfVocabularyWeight(int count, double sifA) => (float)Weight(Probability(count, count), sifA);

    /// <summary>
    /// The common component: first (uncentred) principal component of the SIF-weighted unit word
    /// vectors, each weighted by its Zipf probability, i.e. the top eigenvector of
    /// Σ p(w) x_w x_wᵀ with x_w = a/(a+p(w)) · v_w/|v_w|. Depends on the vocabulary only, never on
    /// indexed text. Found by power iteration from the weighted mean direction.
    /// </summary>
    public static float[] CommonComponent(float[] vectors, float[] norms, int dimensions, double sifA, CancellationToken cancellationToken = default)
    {
        var count = norms.Length;
        var coefficients = Coefficients(norms, sifA);
        var harmonic = Harmonic(count);

        // Scale of each row in the second-moment matrix: p(w) · coefficient².
        var scales = new float[count];
        var mean = new double[dimensions];
        for (var rank = 0; rank < count; rank++)
        {
            var p = 1.0 / ((rank + 1) * harmonic);
            scales[rank] = (float)(p * coefficients[rank] * coefficients[rank]);
            var row = vectors.AsSpan(rank * dimensions, dimensions);
            var c = p * coefficients[rank];
            for (var d = 0; d < dimensions; d++)
            {
                mean[d] += c * row[d];
            }
        }

        var u = Normalize(mean);
        var next = new double[dimensions];
        for (var iteration = 0; iteration < MaxPowerIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(next);
            for (var rank = 0; rank < count; rank++)
            {
                if (scales[rank] == 0f)
                {
                    continue;
                }

                var row = vectors.AsSpan(rank * dimensions, dimensions);
                double s = scales[rank] * TensorPrimitives.Dot(row, u);
                for (var d = 0; d < dimensions; d++)
                {
                    next[d] += s * row[d];
                }
            }

            var candidate = Normalize(next);
            var delta = 0.0;
            for (var d = 0; d < dimensions; d++)
            {
                delta = Math.Max(delta, Math.Abs(candidate[d] - u[d]));
            }

            u = candidate;
            if (delta < 1e-7)
            {
                break;
            }
        }

        return u;
    }

    private static float[] Normalize(double[] values)
    {
        var norm = Math.Sqrt(values.Sum(v => v * v));
        var result = new float[values.Length];
        if (norm == 0)
        {
            return result;
        }

        for (var d = 0; d < values.Length; d++)
        {
            result[d] = (float)(values[d] / norm);
        }

        return result;
    }

    private static double Harmonic(int count)
    {
        // H(n) = ln n + γ + 1/(2n) - 1/(12n²): exact enough beyond a handful of words.
        if (count < 64)
        {
            var sum = 0.0;
            for (var k = 1; k <= count; k++)
            {
                sum += 1.0 / k;
            }

            return Math.Max(sum, 1.0);
        }

        return Math.Log(count) + 0.5772156649015329 + 1.0 / (2.0 * count) - 1.0 / (12.0 * count * count);
    }
}
