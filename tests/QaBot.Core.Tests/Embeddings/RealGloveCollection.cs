namespace QaBot.Core.Tests.Embeddings;

/// <summary>Tests on the real vectors run alone, so their timings are not shared with other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealGloveCollection : ICollectionFixture<RealGloveFixture>
{
    public const string Name = "Real GloVe vectors";
}
