using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using QaBot.Core.Configuration;

namespace QaBot.Core.Answering.Llm;

/// <summary>
/// Registers LLM answering when QaBot:Answering:Composer is "SemanticKernel": the Semantic Kernel
/// composer wrapped in <see cref="FallbackAnswerComposer"/> (extractive fallback), the LLM query
/// rewriter (offline rewrite fallback), validated <see cref="LlmOptions"/> and the resilient HTTP
/// client. With any other composer it registers nothing but the composer-name check, so the
/// offline defaults in AddQaBotCore apply.
/// </summary>
internal static class LlmAnsweringServiceCollectionExtensions
{
    public static IServiceCollection AddLlmAnsweringWhenConfigured(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnsweringOptions>, AnsweringComposerValidator>());

        var composer = configuration[$"{AnsweringOptions.SectionName}:{nameof(AnsweringOptions.Composer)}"];
        if (!string.Equals(composer?.Trim(), AnswerComposers.SemanticKernel, StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());

        services.AddHttpClient(LlmKernel.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("qabot-llm", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value;
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = false,
                        Delay = options.RetryDelay,
                        MaxDelay = options.Timeout,
                        ShouldRetryAfterHeader = true,
                    });
                }

                pipeline.AddTimeout(options.Timeout);
            });

        services.TryAddSingleton<LlmKernel>();
        services.TryAddSingleton<ExtractiveAnswerComposer>();
        services.TryAddSingleton<SemanticKernelAnswerComposer>();
        services.TryAddSingleton<IAnswerComposer>(sp => new FallbackAnswerComposer(
            sp.GetRequiredService<SemanticKernelAnswerComposer>(),
            sp.GetRequiredService<ExtractiveAnswerComposer>(),
            sp.GetRequiredService<ILogger<FallbackAnswerComposer>>()));
        services.TryAddSingleton<IQueryRewriter, LlmQueryRewriter>();
        return services;
    }
}
