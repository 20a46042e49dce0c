using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QaBot.Core.Channels;

/// <summary>Registers <see cref="CorpusExamples"/> (expects <c>AddQaBotCore</c> for the index store).</summary>
public static class ExampleQuestionServiceCollectionExtensions
{
    public static IServiceCollection AddExampleQuestions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ExampleQuestionOptions>()
            .Bind(configuration.GetSection(ExampleQuestionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<CorpusExamples>();
        return services;
    }
}
