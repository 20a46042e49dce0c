using Microsoft.Extensions.AI;
using QaBot.Core.Embeddings;
using QaBot.Core.Tests.Embeddings.TestHelpers;

namespace QaBot.Core.Tests.Embeddings;

public sealed class GloveEmbeddingGeneratorTests
{
    private static readonly GloveVectors Vectors = SyntheticGlove.Create();

    private readonly GloveEmbeddingGenerator _generator = new(Vectors);

    [Theory]
    [InlineData("The cat sat on the mat")]
    [InlineData("Oil prices rose sharply")]
    [InlineData("Hegsethx met Rubiox at 10:30 on 2025-07-02")]
    [InlineData("the of and")]
    public async Task EmbeddingsHaveUnitLength(string text)
    {
        var embedding = await _generator.GenerateVectorAsync(text);

        Assert.Equal(SyntheticGlove.Dimensions, embedding.Length);
        Assert.Equal(1.0, VectorMath.Norm(embedding), 5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!… -- ,,, ")]
    public async Task TextWithoutWordsGivesAFixedUnitVectorWithoutNaN(string text)
    {
        var embedding = await _generator.GenerateVectorAsync(text);
        var other = await new GloveEmbeddingGenerator(Vectors).GenerateVectorAsync("...");
        var sentence = await _generator.GenerateVectorAsync("The cat sat on the mat");

        Assert.DoesNotContain(embedding.ToArray(), float.IsNaN);
        Assert.Equal(1.0, VectorMath.Norm(embedding), 5);
        Assert.Equal(other.ToArray(), embedding.ToArray());
        Assert.InRange(Math.Abs(VectorMath.Cosine(embedding, sentence)), 0, 0.6);
    }

    [Fact]
    public async Task SameTextGivesTheSameVectorEveryTime()
    {
        const string text = "Hegsethx met the minister; oil prices rose.";

        var first = await _generator.GenerateVectorAsync(text);
        var second = await new GloveEmbeddingGenerator(Vectors).GenerateVectorAsync(text);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public async Task CaseDoesNotChangeTheEmbedding()
    {
        var lower = await _generator.GenerateVectorAsync("rubiox met the cat");
        var upper = await _generator.GenerateVectorAsync("RUBIOX Met The CAT");

        Assert.Equal(lower.ToArray(), upper.ToArray());
    }

    [Fact]
    public async Task TheCatSatOnTheMatIsCloserToAKittenRestedOnTheRugThanToOilPrices()
    {
        var embeddings = await _generator.GenerateAsync(["The cat sat on the mat", "A kitten rested on the rug", "Oil prices rose sharply"]);

        var similar = VectorMath.Cosine(embeddings[0].Vector, embeddings[1].Vector);
        var unrelated = VectorMath.Cosine(embeddings[0].Vector, embeddings[2].Vector);

        Assert.True(similar > unrelated + 0.2, $"similar {similar:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task UnknownNamesStillCountSoExactMatchesRaiseSimilarity()
    {
        var embeddings = await _generator.GenerateAsync(["Hegsethx met Rubiox", "Rubiox talks", "Oil prices rose sharply", "Kowalskiq talks"]);

        var sameName = VectorMath.Cosine(embeddings[0].Vector, embeddings[1].Vector);
        var unrelated = VectorMath.Cosine(embeddings[0].Vector, embeddings[2].Vector);
        var otherName = VectorMath.Cosine(embeddings[0].Vector, embeddings[3].Vector);

        Assert.True(sameName > unrelated + 0.2, $"same name {sameName:F3}, unrelated {unrelated:F3}");
        Assert.True(sameName > otherName + 0.2, $"same name {sameName:F3}, other name {otherName:F3}");
    }

    [Fact]
    public async Task SingleLettersOutsideTheVocabularyAreSkipped()
    {
        var plain = await _generator.GenerateVectorAsync("cat met kitten");
        var withLetters = await _generator.GenerateVectorAsync("cat x met kitten 7 q");

        Assert.Equal(plain.ToArray(), withLetters.ToArray());
    }

    [Fact]
    public async Task NumbersOutsideTheVocabularyStillCountButLessThanNames()
    {
        var embeddings = await _generator.GenerateAsync(["oil prices", "oil prices 1986", "oil prices Rubiox"]);

        var withNumber = VectorMath.Cosine(embeddings[0].Vector, embeddings[1].Vector);
        var withName = VectorMath.Cosine(embeddings[0].Vector, embeddings[2].Vector);

        Assert.True(withNumber < 0.9999, $"the number changed nothing ({withNumber:F5})");
        Assert.True(withNumber > withName, $"with number {withNumber:F3}, with name {withName:F3}");
    }

    [Fact]
    public void UnknownWordVectorsDoNotDependOnTheProcess()
    {
        // string.GetHashCode is randomised per process; this hash must never be.
        Assert.Equal(0x7BF827CC91E6B0DEUL, OutOfVocabularyVectors.Hash("rubiox")); // FNV-1a 64 over UTF-16LE, checked independently
    }

    [Fact]
    public async Task LargeBatchesGiveTheSameVectorsInInputOrder()
    {
        var texts = Enumerable.Range(0, 1000).Select(i => $"Cat {i} met kitten {i % 7} on the rug; oil rose {i * 3}").ToList();

        var batch = await _generator.GenerateAsync(texts);

        Assert.Equal(texts.Count, batch.Count);
        foreach (var i in new[] { 0, 1, 31, 32, 500, 999 })
        {
            var single = await _generator.GenerateVectorAsync(texts[i]);
            Assert.Equal(single.ToArray(), batch[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task ConcurrentCallersGetConsistentVectors()
    {
        var expected = (await _generator.GenerateVectorAsync("The kitten rested on the mat")).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _generator.GenerateVectorAsync("The kitten rested on the mat"))));

        Assert.All(results, r => Assert.Equal(expected, r.ToArray()));
    }

    [Fact]
    public async Task EmbeddingsCarryTheModelId()
    {
        var embeddings = await _generator.GenerateAsync(["cat"]);

        Assert.Equal("wink-sg-100d-sif-v2", embeddings[0].ModelId);
    }

    [Fact]
    public void MetadataNamesGloveTheAlgorithmVersionAndTheDimensions()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("glove", metadata.ProviderName);
        Assert.Equal("wink-sg-100d-sif-v2", metadata.DefaultModelId);
        Assert.Equal(SyntheticGlove.Dimensions, metadata.DefaultModelDimensions);
    }

    [Fact]
    public void AnotherSifConstantGivesAnotherModelId()
    {
        var generator = new GloveEmbeddingGenerator(Vectors, sifA: 1e-4);

        Assert.Equal("wink-sg-100d-sif-v2-a0.0001", generator.ModelId);
    }

    [Fact]
    public async Task AskingForOtherDimensionsIsRefused()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => _generator.GenerateAsync(["cat"], new EmbeddingGenerationOptions { Dimensions = 512 }));
    }

    [Fact]
    public async Task CancelledCallsThrow()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(["cat"], cancellationToken: cancelled.Token));
    }
}
