using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Tests.Retrieval;

/// <summary>QaBot:Retrieval as the CLI and the bot bind it.</summary>
public sealed class RetrievalOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings[QaBotCoreServiceCollectionExtensions.RootConfigurationKey] = QaBotPaths.FindRoot();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQaBotCore(configuration).BuildServiceProvider();
    }

    [Fact]
    public void TheShippedSettingsUseConvexFusionWithEqualWeights()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(QaBotPaths.FindRoot(), "appsettings.json")).Build();
        var options = configuration.GetSection(RetrievalOptions.SectionName).Get<RetrievalOptions>()!;

        Assert.Equal((FusionMethod.Convex, 1.0, 1.0), (options.Fusion, options.VectorWeight, options.KeywordWeight));
    }

    [Theory]
    [InlineData("Rrf", FusionMethod.Rrf)]
    [InlineData("rrf", FusionMethod.Rrf)]
    [InlineData("Convex", FusionMethod.Convex)]
    public void TheFusionMethodIsBoundByName(string value, FusionMethod expected)
    {
        using var services = Build(new() { ["QaBot:Retrieval:Fusion"] = value });

        Assert.Equal(expected, services.GetRequiredService<IOptions<RetrievalOptions>>().Value.Fusion);
    }

    [Fact]
    public void AnUndefinedFusionNumberFailsValidation()
    {
        using var services = Build(new() { ["QaBot:Retrieval:Fusion"] = "7" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RetrievalOptions>>().Value);

        Assert.Contains("Fusion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownFusionNameFailsNamingTheKey()
    {
        using var services = Build(new() { ["QaBot:Retrieval:Fusion"] = "Borda" });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => services.GetRequiredService<IOptions<RetrievalOptions>>().Value);

        Assert.Contains("QaBot:Retrieval:Fusion", error.Message, StringComparison.Ordinal);
    }
}
