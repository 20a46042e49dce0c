namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>The end-to-end tests share one real bot (indexing seeds/ once).</summary>
[CollectionDefinition(Name)]
public sealed class RealBotCollection : ICollectionFixture<RealBotFixture>
{
    public const string Name = "Real bot";
}
