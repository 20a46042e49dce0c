using System.Diagnostics;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings;
using Xunit.Abstractions;

namespace QaBot.Core.Tests.Embeddings;

public sealed class RealGloveVectorsTests(RealGloveFixture fixture, ITestOutputHelper output) : IClassFixture<RealGloveFixture>
{
    [Fact]
    public void RealCacheHoldsTheWholeVocabularyInFrequencyOrder()
    {
        output.WriteLine(fixture.CacheExisted
            ? $"cache loaded in {fixture.FirstLoad.TotalMilliseconds:F0} ms"
            : $"cache built from the npm JSON in {fixture.FirstLoad.TotalMilliseconds:F0} ms");

        Assert.Equal(341_479, fixture.Vectors.Count);
        Assert.Equal(100, fixture.Vectors.Dimensions);
        Assert.Equal("the", fixture.Vectors.Words[0]);
        Assert.True(fixture.Vectors.RankLookup.TryGetValue("pentagon", out _));
        Assert.Equal(-0.038194f, fixture.Vectors.Vector(0)[0]);
    }

    [Fact]
    public void RealCacheLoadsWithEveryWordOfTheNpmPackage()
    {
        // Load time is a benchmark figure (qabot bench), not a unit-test assertion: machines here are noisy.
        var loaded = GloveCacheFile.TryRead(fixture.CachePath, out var problem);

        Assert.Null(problem);
        Assert.NotNull(loaded);
        Assert.Equal(341_479, loaded.Count);
        Assert.Equal(100, loaded.Dimensions);
    }

    [Fact]
    public async Task DefenceMinisterAtThePentagonIsCloserToDefenseSecretaryTalksThanToCricket()
    {
        var embeddings = await fixture.Generator.GenerateAsync(
            ["defence minister met at the Pentagon", "Defense Secretary talks in Washington", "cricket match in Mumbai"]);

        var related = VectorMath.Cosine(embeddings[0].Vector, embeddings[1].Vector);
        var unrelated = VectorMath.Cosine(embeddings[0].Vector, embeddings[2].Vector);
        output.WriteLine($"related {related:F3}, unrelated {unrelated:F3}");

        Assert.True(related > unrelated + 0.1, $"related {related:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task TheCatSatOnTheMatIsCloserToAKittenRestedOnTheRugThanToOilPrices()
    {
        var embeddings = await fixture.Generator.GenerateAsync(["The cat sat on the mat", "A kitten rested on the rug", "Oil prices rose sharply"]);

        var similar = VectorMath.Cosine(embeddings[0].Vector, embeddings[1].Vector);
        var unrelated = VectorMath.Cosine(embeddings[0].Vector, embeddings[2].Vector);
        output.WriteLine($"similar {similar:F3}, unrelated {unrelated:F3}");

        Assert.True(similar > unrelated + 0.1, $"similar {similar:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task ARareNameSharedByTwoTextsRaisesTheirSimilarity()
    {
        var embeddings = await fixture.Generator.GenerateAsync(
            ["Hegsethx met Rubiox in Washington", "Rubiox talks in Washington", "Kowalskiq talks in Washington"]);

        var sameName = VectorMath.Cosine(embeddings[0].Vector, embeddings[1].Vector);
        var otherName = VectorMath.Cosine(embeddings[0].Vector, embeddings[2].Vector);
        output.WriteLine($"same name {sameName:F3}, other name {otherName:F3}");

        Assert.True(sameName > otherName + 0.1, $"same name {sameName:F3}, other name {otherName:F3}");
    }

    [Fact]
    public async Task EmbeddingANewsSizedBatchIsFast()
    {
        var texts = NewsLikeChunks(20_000);
        await fixture.Generator.GenerateAsync(texts.Take(512).ToList()); // JIT warm-up

        var stopwatch = Stopwatch.StartNew();
        for (var start = 0; start < texts.Count; start += 256)
        {
            await fixture.Generator.GenerateAsync(texts.Skip(start).Take(256).ToList());
        }

        var elapsed = stopwatch.Elapsed;
        var perSecond = texts.Count / elapsed.TotalSeconds;
        var averageChars = texts.Average(t => t.Length);
        output.WriteLine($"embedded {texts.Count} chunks (avg {averageChars:F0} chars) in batches of 256 in {elapsed.TotalMilliseconds:F0} ms: {perSecond:F0} texts/s on {Environment.ProcessorCount} cores");

        Assert.True(perSecond > 2_000, $"{perSecond:F0} texts/s"); // 100k chunks in under 50 s
    }

    /// <summary>Chunks of about 700 characters cut from the seed articles, varied so none repeats.</summary>
    private static List<string> NewsLikeChunks(int count)
    {
        var root = QaBotPaths.FindRoot();
        var text = string.Join(' ', Directory.GetFiles(Path.Combine(root, "seeds"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var chunks = new List<string>(count);
        var position = 0;
        for (var i = 0; chunks.Count < count; i++)
        {
            var builder = new System.Text.StringBuilder();
            while (builder.Length < 700)
            {
                builder.Append(words[position++ % words.Length]).Append(' ');
            }

            builder.Append("Ref").Append(i);
            chunks.Add(builder.ToString());
        }

        return chunks;
    }
}
