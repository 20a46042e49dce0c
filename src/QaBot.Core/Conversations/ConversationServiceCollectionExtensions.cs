using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QaBot.Core.Conversations;

/// <summary>Registers the SQLite conversation store (expects <c>AddQaBotCore</c> for the QaBot root).</summary>
public static class ConversationServiceCollectionExtensions
{
    public static IServiceCollection AddConversationStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConversationOptions>()
            .Bind(configuration.GetSection(ConversationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationStore, SqliteConversationStore>();
        return services;
    }
}
