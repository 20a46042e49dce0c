using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;

namespace QaBot.Bot.Hosting;

/// <summary>Says at start whether the bot checks Bot Framework tokens or runs anonymously (local use only).</summary>
public sealed partial class BotStartupLogger(IOptions<BotChannelOptions> options, ILogger<BotStartupLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsAuthenticationEnabled)
        {
            LogAuthenticated(logger, settings.MicrosoftAppId!, settings.OpenIdMetadataUrl);
        }
        else
        {
            LogAnonymous(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot authentication is on for app id {AppId} (keys from {MetadataUrl})")]
    private static partial void LogAuthenticated(ILogger logger, string appId, string metadataUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MicrosoftAppId configured: the bot runs ANONYMOUSLY, for local use only (no token checks, loopback serviceUrls only)")]
    private static partial void LogAnonymous(ILogger logger);
}
