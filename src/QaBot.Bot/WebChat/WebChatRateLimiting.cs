using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace QaBot.Bot.WebChat;

/// <summary>
/// How fast one client may start web chat conversations: a fixed one-minute window of
/// <see cref="WebChatOptions.ConversationsPerClientPerMinute"/> per client address (IPv6 clients by their
/// /64 network, which one household or host usually holds whole). Refusals are 429 ProblemDetails with
/// <c>Retry-After</c>. Behind a reverse proxy every client shares the proxy's address unless forwarded
/// headers are configured.
/// </summary>
public static class WebChatRateLimiting
{
    public static void Configure(RateLimiterOptions limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await Channel.BotProblems.Create(
                StatusCodes.Status429TooManyRequests,
                "Too many conversations",
                "This client started too many web chat conversations. Please wait a minute and try again.")
                .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        };
        limiter.AddPolicy(WebChatApi.CreateConversationRateLimit, http =>
        {
            var settings = http.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(ClientKey(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.ConversationsPerClientPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
    }

    /// <summary>The partition a client's requests count against: its IPv4 address, or its IPv6 /64 network.</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
