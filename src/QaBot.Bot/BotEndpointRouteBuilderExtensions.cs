using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QaBot.Bot.Channel;
using QaBot.Bot.Documents;
using QaBot.Bot.Hosting;
using QaBot.Bot.WebChat;

namespace QaBot.Bot;

/// <summary>Maps the bot's endpoints: /api/messages, the web chat page and API, document pages, health.</summary>
public static class BotEndpointRouteBuilderExtensions
{
    public const string MessagesRoute = "/api/messages";

    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();

        app.MapPost(MessagesRoute, (HttpRequest request, BotAdapter adapter, CancellationToken cancellationToken) => adapter.ProcessAsync(request, cancellationToken));
        app.MapWebChatApi();
        app.MapDocumentsApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(IndexReadinessHealthCheck.Tag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }
}
