using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;
using QaBot.Bot.Documents;
using QaBot.Bot.Hosting;
using QaBot.Bot.Turns;
using QaBot.Bot.WebChat;
using QaBot.Core.Answering;
using QaBot.Core.Channels;
using QaBot.Core.Conversations;

namespace QaBot.Bot;

/// <summary>
/// Registers the bot channel: the Bot Framework protocol layer, QaBot's turn logic, the web chat and document
/// pages. Call it after <c>AddQaBotCore</c>: the bot wraps the core's answering service so a failing index
/// store turns readiness off.
/// </summary>
public static class BotChannelServiceCollectionExtensions
{
    public static IServiceCollection AddBotChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotChannelOptions>()
            .Bind(configuration.GetSection(BotChannelOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotChannelOptions>, BotChannelOptionsValidator>();

        services.AddOptions<WebChatOptions>()
            .Bind(configuration.GetSection(WebChatOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddConversationStore(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        // Outgoing calls never follow redirects: the serviceUrl allow-list (and the token and key
        // endpoints) must not be side-stepped by a 3xx to another host.
        foreach (var name in (string[])[ConnectorClient.HttpClientName, MicrosoftAppCredentials.HttpClientName, BotFrameworkAuthentication.HttpClientName])
        {
            services.AddHttpClient(name, c => c.Timeout = TimeSpan.FromSeconds(30))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        }

        // Channel: the Bot Framework protocol (swap for the SDK here).
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<IAppCredentials, MicrosoftAppCredentials>();
        services.AddSingleton<IConnectorClient, ConnectorClient>();
        services.AddSingleton<BotFrameworkAuthentication>();
        services.AddSingleton<ActivityReplayGuard>();
        services.AddSingleton<BotAdapter>();

        // QaBot's turn logic.
        services.AddSingleton<AnswerActivityFactory>();
        services.AddSingleton<CitedPassageReader>();
        services.AddExampleQuestions(configuration);
        services.AddSingleton<IBot, QaBotActivityHandler>();

        // Web chat, documents, readiness.
        services.AddSingleton<WebChatConversationHub>();
        services.AddRateLimiter(WebChatRateLimiting.Configure);
        services.TryAddSingleton<IDocumentSource, IndexDocumentSource>();
        services.AddSingleton<IndexReadiness>();
        services.AddSingleton<IndexStoreProbe>();
        DecorateAnsweringService(services);
        services.AddHostedService<CorpusIndexingService>();
        services.AddHostedService<AnswerWarmUpService>();
        services.AddHostedService<BotStartupLogger>();
        services.AddHealthChecks().AddCheck<IndexReadinessHealthCheck>("index", tags: [IndexReadinessHealthCheck.Tag]);
        return services;
    }

    /// <summary>Wraps the registered <see cref="IAnsweringService"/> in <see cref="BotAnsweringService"/>.</summary>
    private static void DecorateAnsweringService(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAnsweringService))
            ?? throw new InvalidOperationException("No IAnsweringService is registered: call AddQaBotCore before AddBotChannel.");
        if (registered.ImplementationType == typeof(BotAnsweringService))
        {
            return;
        }

        services.Remove(registered);
        Func<IServiceProvider, IAnsweringService> inner;
        if (registered.ImplementationInstance is IAnsweringService instance)
        {
            inner = _ => instance;
        }
        else if (registered.ImplementationFactory is { } factory)
        {
            inner = provider => (IAnsweringService)factory(provider);
        }
        else
        {
            // Registered by its own type too, so the container still creates and disposes it.
            var type = registered.ImplementationType!;
            services.TryAdd(ServiceDescriptor.Describe(type, type, registered.Lifetime));
            inner = provider => (IAnsweringService)provider.GetRequiredService(type);
        }

        services.Add(ServiceDescriptor.Describe(
            typeof(IAnsweringService),
            provider => new BotAnsweringService(inner(provider), provider.GetRequiredService<IndexStoreProbe>()),
            registered.Lifetime));
    }
}
