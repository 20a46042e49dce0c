namespace QaBot.Bot.Tests.Channel;

/// <summary>Tests that measure the process (memory) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTestCollection
{
    public const string Name = "Load (runs alone)";
}
