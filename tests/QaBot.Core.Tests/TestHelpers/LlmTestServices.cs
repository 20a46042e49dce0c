using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// The real AddQaBotCore registrations with Composer = SemanticKernel pointed at a fake
/// OpenAI-compatible server, short timeouts, and term statistics over the test passages.
/// </summary>
public static class LlmTestServices
{
    public static ServiceProvider Create(string endpoint, IEnumerable<string> passageTexts, IDictionary<string, string?>? overrides = null, IRetriever? retriever = null, ILoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [QaBotCoreServiceCollectionExtensions.RootConfigurationKey] = QaBotPaths.FindRoot(),
            ["QaBot:Answering:Composer"] = AnswerComposers.SemanticKernel,
            ["QaBot:Llm:Provider"] = LlmProviders.OpenAICompatible,
            ["QaBot:Llm:Endpoint"] = endpoint,
            ["QaBot:Llm:Model"] = "fake-model",
            ["QaBot:Llm:ApiKey"] = "test-key",
            ["QaBot:Llm:Timeout"] = "00:00:10",
            ["QaBot:Llm:MaxRetries"] = "0",
            ["QaBot:Llm:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddQaBotCore(configuration);
        if (retriever is not null)
        {
            services.AddSingleton(retriever);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
