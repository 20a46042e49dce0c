using Microsoft.Extensions.Options;

namespace QaBot.Bot.Channel;

/// <summary>Rules across fields of <see cref="BotChannelOptions"/>.</summary>
public sealed class BotChannelOptionsValidator : IValidateOptions<BotChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, BotChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.IsAuthenticationEnabled && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add($"{BotChannelOptions.SectionName}:MicrosoftAppPassword is required when MicrosoftAppId is set.");
        }

        if (options.IsAuthenticationEnabled && string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            // Citation links would otherwise carry whatever Host header a request came with.
            failures.Add($"{BotChannelOptions.SectionName}:PublicBaseUrl is required when MicrosoftAppId is set: the bot's public address (e.g. https://qabot.example.com) for citation links, which must not come from the request's Host header.");
        }

        if (!string.IsNullOrWhiteSpace(options.TokenEndpoint) && !Uri.TryCreate(options.TokenEndpoint, UriKind.Absolute, out _))
        {
            failures.Add($"{BotChannelOptions.SectionName}:TokenEndpoint must be an absolute URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{BotChannelOptions.SectionName}:PublicBaseUrl must be an absolute http(s) URL.");
        }

        foreach (var host in options.AllowedServiceUrlHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal))
            {
                failures.Add($"{BotChannelOptions.SectionName}:AllowedServiceUrlHosts entry '{host}' must be a host name such as 'smba.trafficmanager.net' or '*.botframework.com'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
