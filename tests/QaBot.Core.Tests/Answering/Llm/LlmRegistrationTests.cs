using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Answering.Llm;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Answering.Llm;

/// <summary>Composer selection by QaBot:Answering:Composer, and start-up errors that name the key to fix.</summary>
public sealed class LlmRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings[QaBotCoreServiceCollectionExtensions.RootConfigurationKey] = QaBotPaths.FindRoot();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBotCore(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void TheOfflineComposerAndRewriterAreTheDefault()
    {
        using var services = Build([]);

        Assert.IsType<ExtractiveAnswerComposer>(services.GetRequiredService<IAnswerComposer>());
        Assert.IsType<FollowUpQueryRewriter>(services.GetRequiredService<IQueryRewriter>());
        Assert.Null(services.GetService<LlmKernel>());
    }

    [Fact]
    public void TheSemanticKernelComposerIsUsedWithTheExtractiveFallback()
    {
        using var services = Build(new()
        {
            ["QaBot:Answering:Composer"] = "SemanticKernel",
            ["QaBot:Llm:Provider"] = "OpenAICompatible",
            ["QaBot:Llm:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["QaBot:Llm:Model"] = "llama3.2",
        });

        var composer = Assert.IsType<FallbackAnswerComposer>(services.GetRequiredService<IAnswerComposer>());
        Assert.Equal(SemanticKernelAnswerComposer.ComposerName, composer.Name);
        Assert.IsType<LlmQueryRewriter>(services.GetRequiredService<IQueryRewriter>());
        Assert.Null(services.GetRequiredService<IOptions<LlmOptions>>().Value.ApiKey);
    }

    [Theory]
    [InlineData("OpenAICompatible", "http://localhost:11434/v1", "", "key", "QaBot:Llm:Model is required")]
    [InlineData("OpenAICompatible", "", "llama3.2", "", "QaBot:Llm:Endpoint is required for provider OpenAICompatible")]
    [InlineData("AzureOpenAI", "", "gpt-4o-mini", "key", "QaBot:Llm:Endpoint is required for provider AzureOpenAI")]
    [InlineData("AzureOpenAI", "https://res.openai.azure.com/", "gpt-4o-mini", "key", "QaBot:Llm:Endpoint for AzureOpenAI must be the v1 endpoint")]
    [InlineData("OpenAI", "", "gpt-4o-mini", "", "QaBot:Llm:ApiKey is required for provider OpenAI")]
    [InlineData("Claude", "", "x", "key", "QaBot:Llm:Provider is 'Claude'")]
    [InlineData("OpenAICompatible", "localhost:11434", "llama3.2", "", "QaBot:Llm:Endpoint 'localhost:11434' is not an absolute http(s) URL")]
    public void AnIncompleteProviderFailsAtStartWithTheKeyNamed(string provider, string endpoint, string model, string apiKey, string expected)
    {
        using var services = Build(new()
        {
            ["QaBot:Answering:Composer"] = "SemanticKernel",
            ["QaBot:Llm:Provider"] = provider,
            ["QaBot:Llm:Endpoint"] = endpoint,
            ["QaBot:Llm:Model"] = model,
            ["QaBot:Llm:ApiKey"] = apiKey,
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("key", error.Failures.Where(f => f.Contains("ApiKey is '", StringComparison.Ordinal)));
    }

    [Fact]
    public void AMissingPromptFileFailsAtStart()
    {
        using var services = Build(new()
        {
            ["QaBot:Answering:Composer"] = "SemanticKernel",
            ["QaBot:Llm:Provider"] = "OpenAICompatible",
            ["QaBot:Llm:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["QaBot:Llm:Model"] = "llama3.2",
            ["QaBot:Llm:PromptsPath"] = "no-such-prompts",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);
        Assert.Contains("QaBot:Llm:PromptsPath", error.Message);
        Assert.Contains("answer.prompt", error.Message);
    }

    [Fact]
    public void AnUnknownComposerFailsAtStart()
    {
        using var services = Build(new() { ["QaBot:Answering:Composer"] = "Semantic" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AnsweringOptions>>().Value);
        Assert.Contains("QaBot:Answering:Composer is 'Semantic'", error.Message);
    }

    [Fact]
    public void TheRepositorysPromptFilesLoadAsPromptFunctionsWithTheirVariables()
    {
        var folder = Path.Combine(QaBotPaths.FindRoot(), "prompts");

        var answer = PromptFileLoader.Load(Path.Combine(folder, PromptFiles.Answer));
        var rewrite = PromptFileLoader.Load(Path.Combine(folder, PromptFiles.Rewrite));

        Assert.Equal("answer", answer.Name);
        Assert.Equal(["question", "conversation", "sources", "source_count", "not_found"], answer.InputVariables.Select(v => v.Name));
        Assert.All(answer.InputVariables.Concat(rewrite.InputVariables), v => Assert.False(v.AllowDangerouslySetContent));
        Assert.Contains("{{$sources}}", answer.Template);
        Assert.Equal(["question", "conversation"], rewrite.InputVariables.Select(v => v.Name));
    }

    [Fact]
    public void APromptFileWithoutItsSeparatorIsRejected()
    {
        var error = Assert.Throws<FormatException>(() => PromptFileLoader.Parse("name: x\n<message role=\"user\">hi</message>", "x.prompt"));
        Assert.Contains("x.prompt", error.Message);
    }
}
