using QaBot.Core.Embeddings;

namespace QaBot.Core.Tests.Embeddings.TestHelpers;

/// <summary>
/// A small vocabulary with designed vectors: frequent function words share a common direction, and
/// content words sit near their topic (cat ≈ kitten, mat ≈ rug, sat ≈ rested; oil, prices, rose,
/// sharply elsewhere).
/// </summary>
internal static class SyntheticGlove
{
    public const int Dimensions = 24;

    private static readonly string[] FunctionWords = ["the", "of", "to", "and", "a", "in", "on", "said", "s", "with"];

    private static readonly (string Word, string Topic)[] ContentWords =
    [
        ("met", "meet"), ("talks", "meet"), ("meeting", "meet"),
        ("oil", "oil"), ("prices", "price"), ("rose", "rise"), ("sharply", "sharp"),
        ("cat", "feline"), ("kitten", "feline"), ("sat", "rest"), ("rested", "rest"),
        ("mat", "floor"), ("rug", "floor"), ("minister", "meet"), ("cricket", "sport"),
    ];

    public static GloveVectors Create()
    {
        var random = new Random(20261124);
        var common = RandomVector(random);
        var topics = new Dictionary<string, float[]>();
        var words = new List<string>();
        var rows = new List<float[]>();

        foreach (var word in FunctionWords)
        {
            words.Add(word);
            rows.Add(Add(Scale(common, 3f), Scale(RandomVector(random), 1f)));
        }

        foreach (var (word, topic) in ContentWords)
        {
            if (!topics.TryGetValue(topic, out var direction))
            {
                direction = topics[topic] = RandomVector(random);
            }

            words.Add(word);
            rows.Add(Add(Add(Scale(direction, 3f), Scale(RandomVector(random), 0.8f)), Scale(common, 0.5f)));
        }

        // Pad the vocabulary so ranks (and so SIF weights) spread as in a real one.
        for (var i = 0; i < 2000; i++)
        {
            words.Add($"filler{i}");
            rows.Add(RandomVector(random));
        }

        var vectors = rows.SelectMany(r => r).ToArray();
        var norms = rows.Select(r => (float)Math.Sqrt(r.Sum(v => (double)v * v))).ToArray();
        var component = SifWeighting.CommonComponent(vectors, norms, Dimensions, GloveEmbeddingGenerator.DefaultSifA);
        return new GloveVectors(words.ToArray(), vectors, norms, Dimensions, component, GloveEmbeddingGenerator.DefaultSifA);
    }

    private static float[] RandomVector(Random random) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    private static float[] Scale(float[] v, float s) => v.Select(x => x * s).ToArray();

    private static float[] Add(float[] a, float[] b) => a.Zip(b, (x, y) => x + y).ToArray();
}
