using System.Net;
using Microsoft.Extensions.Options;

namespace QaBot.Bot.Channel;

/// <summary>
/// Decides which serviceUrls the bot may call, so a forged activity cannot make it send requests (with
/// its token) to an arbitrary host: configured Bot Framework/Teams hosts (https) when authenticated,
/// loopback only when anonymous (plus loopback when authenticated if explicitly allowed, for local tests).
/// </summary>
public sealed class ServiceUrlPolicy(IOptions<BotChannelOptions> options)
{
    public bool IsAllowed(string? serviceUrl) => IsAllowed(serviceUrl, out _);

    public bool IsAllowed(string? serviceUrl, out string reason)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl) || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            reason = "serviceUrl must be an absolute URL.";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            reason = "serviceUrl must use http or https.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            reason = "serviceUrl must not carry credentials, a query or a fragment.";
            return false;
        }

        var settings = options.Value;
        if (IsLoopback(uri))
        {
            var allowed = !settings.IsAuthenticationEnabled || settings.AllowLoopbackServiceUrls;
            reason = allowed ? string.Empty : "loopback serviceUrls are not allowed while the bot is authenticated.";
            return allowed;
        }

        if (!settings.IsAuthenticationEnabled)
        {
            reason = "an anonymous bot replies to loopback serviceUrls only.";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            reason = "serviceUrl must use https.";
            return false;
        }

        foreach (var pattern in settings.AllowedServiceUrlHosts)
        {
            if (HostMatches(uri.IdnHost, pattern))
            {
                reason = string.Empty;
                return true;
            }
        }

        reason = $"the host '{uri.IdnHost}' is not an allowed Bot Framework service host.";
        return false;
    }

    internal static bool HostMatches(string host, string pattern)
    {
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = pattern[1..];
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
