using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Storage.Postgres;

namespace QaBot.Core.Conversations;

/// <summary>
/// Registers the conversation store (expects <c>AddQaBotCore</c> for the QaBot root and the storage):
/// its own SQLite file, or, when <c>QaBot:Storage:Provider</c> is <c>Postgres</c>, the PostgreSQL database
/// the index is in, so every bot replica sees every conversation.
/// </summary>
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
        services.TryAddSingleton<SqliteConversationStore>();
        services.TryAddSingleton<PostgresConversationStore>();
        services.TryAddSingleton<IConversationStore>(sp =>
            StorageProviders.IsPostgres(sp.GetRequiredService<IOptions<StorageOptions>>().Value)
                ? sp.GetRequiredService<PostgresConversationStore>()
                : sp.GetRequiredService<SqliteConversationStore>());
        return services;
    }
}
