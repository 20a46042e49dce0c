using System.Diagnostics;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings;
using Xunit.Abstractions;

namespace QaBot.Core.Tests.Embeddings;

[Collection(RealGloveCollection.Name)]
public sealed class RealGloveVectorsTests(RealGloveFixture fixture, ITestOutputHelper output)
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
        // It is printed for the record, wall-clock and CPU time of this process.
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var loaded = GloveCacheFile.TryRead(fixture.CachePath, out var problem);
        var wall = stopwatch.Elapsed;
        process.Refresh();
        output.WriteLine($"cache load (words, vectors, lookup table) of {new FileInfo(fixture.CachePath).Length / 1e6:F1} MB: "
            + $"{wall.TotalMilliseconds:F0} ms wall, {(process.TotalProcessorTime - cpuBefore).TotalMilliseconds:F0} ms CPU");

        Assert.Null(problem);
        Assert.NotNull(loaded);
        Assert.Equal(341_479, loaded.Count);
        Assert.Equal(100, loaded.Dimensions);
    }

    /// <summary>
    /// The first text is closer to the second than to the third by more than 0.1 cosine: related news
    /// phrasing, a paraphrase with other words, and a rare name (out of vocabulary) both texts share.
    /// </summary>
    [Theory]
    [InlineData("defence minister met at the Pentagon", "Defense Secretary talks in Washington", "cricket match in Mumbai")]
    [InlineData("The cat sat on the mat", "A kitten rested on the rug", "Oil prices rose sharply")]
    [InlineData("Hegsethx met Rubiox in Washington", "Rubiox talks in Washington", "Kowalskiq talks in Washington")]
    public async Task ATextIsCloserToARelatedTextThanToAnUnrelatedOne(string text, string related, string unrelated)
    {
        var embeddings = await fixture.Generator.GenerateAsync([text, related, unrelated]);

        var near = VectorMath.Cosine(embeddings[0].Vector, embeddings[1].Vector);
        var far = VectorMath.Cosine(embeddings[0].Vector, embeddings[2].Vector);
        output.WriteLine($"related {near:F3}, unrelated {far:F3}");

        Assert.True(near > far + 0.1, $"related {near:F3}, unrelated {far:F3}");
    }

    [Fact]
    public async Task PossessiveApostropheSDoesNotChangeTheEmbedding()
    {
        // The vocabulary has no single letters; WordTokenizer splits "India's" into "india" and "s".
        var embeddings = await fixture.Generator.GenerateAsync(["India's defence minister", "India defence minister"]);

        Assert.Equal(embeddings[1].Vector.ToArray(), embeddings[0].Vector.ToArray());
    }

    [Fact]
    public async Task ANewsSizedRunOfBatchesEmbedsEveryChunk()
    {
        var texts = NewsLikeChunks(20_000);
        await fixture.Generator.GenerateAsync(texts.Take(512).ToList()); // JIT warm-up

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var embedded = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var start = 0; start < texts.Count; start += 256)
        {
            embedded += (await fixture.Generator.GenerateAsync(texts.Skip(start).Take(256).ToList())).Count;
        }

        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        var cpuTime = process.TotalProcessorTime - cpuBefore;
        var perSecond = texts.Count / elapsed.TotalSeconds;
        var averageChars = texts.Average(t => t.Length);
        output.WriteLine($"embedded {texts.Count} chunks (avg {averageChars:F0} chars) in batches of 256 in {elapsed.TotalMilliseconds:F0} ms: {perSecond:F0} texts/s on {Environment.ProcessorCount} cores ({cpuTime.TotalMilliseconds:F0} ms CPU, {texts.Count / cpuTime.TotalSeconds:F0} texts per CPU-second)");

        // Throughput is a benchmark figure, printed above, not an assertion (machines here are noisy).
        Assert.Equal(texts.Count, embedded);
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
