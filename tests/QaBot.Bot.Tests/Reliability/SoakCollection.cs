namespace QaBot.Bot.Tests.Reliability;

/// <summary>The soak test measures the process's memory, so it runs alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "Soak (runs alone)";
}
