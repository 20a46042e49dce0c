namespace QaBot.Core.Tests.Embeddings;

internal static class VectorMath
{
    public static double Cosine(ReadOnlyMemory<float> a, ReadOnlyMemory<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        var x = a.Span;
        var y = b.Span;
        for (var i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            na += x[i] * x[i];
            nb += y[i] * y[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    public static double Norm(ReadOnlyMemory<float> a)
    {
        double sum = 0;
        foreach (var v in a.Span)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }
}
