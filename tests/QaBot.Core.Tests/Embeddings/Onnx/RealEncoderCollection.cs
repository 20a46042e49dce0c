namespace QaBot.Core.Tests.Embeddings.Onnx;

[CollectionDefinition(Name)]
public sealed class RealEncoderCollection : ICollectionFixture<RealEncoderFixture>
{
    public const string Name = "Real ONNX encoders";
}
