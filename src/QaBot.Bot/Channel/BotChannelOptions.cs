using System.ComponentModel.DataAnnotations;

namespace QaBot.Bot.Channel;

/// <summary>
/// The bot's identity and the limits of its endpoint. With <see cref="MicrosoftAppId"/> empty the bot runs
/// anonymously (local use only): no token is checked or sent and only loopback serviceUrls are answered.
/// </summary>
public sealed class BotChannelOptions
{
    public const string SectionName = "QaBot:Bot";

    /// <summary>The Azure Bot registration's app id (the JWT audience); empty = anonymous.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The app's client secret, for outgoing tokens. Keep it in user secrets or the environment.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Tenant of a single-tenant bot; empty = multi-tenant ("botframework.com").</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>OpenID metadata of the channel's token issuer.</summary>
    [Required, Url]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuers accepted on incoming tokens.</summary>
    [MinLength(1)]
    public string[] ValidIssuers { get; set; } = ["https://api.botframework.com"];

    /// <summary>Token endpoint for outgoing calls; empty = the Microsoft identity platform for the tenant.</summary>
    public string? TokenEndpoint { get; set; }

    [Required]
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Only in tests with a local issuer: allow http metadata.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Hosts the bot may send replies to ("*.example.com" matches subdomains; only wildcard domains no one
    /// else can register). Loopback is added when the bot is anonymous or <see cref="AllowLoopbackServiceUrls"/> is set.
    /// </summary>
    public string[] AllowedServiceUrlHosts { get; set; } =
    [
        "*.botframework.com",
        "smba.trafficmanager.net",
        "*.teams.microsoft.com",
        "*.botframework.azure.us",
    ];

    /// <summary>Allow loopback serviceUrls while authenticated (local tests); always on when anonymous.</summary>
    public bool AllowLoopbackServiceUrls { get; set; }

    /// <summary>Largest request body accepted on /api/messages and the web chat API (413 above it).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Longer questions are politely refused.</summary>
    [Range(16, 100_000)]
    public int MaxQuestionChars { get; set; } = 2_000;

    /// <summary>Largest reply activity (Teams accepts about 80 KB); longer answers are truncated.</summary>
    [Range(4 * 1024, 1024 * 1024)]
    public int MaxReplyBytes { get; set; } = 80 * 1024;

    /// <summary>Earlier turns passed to the answering service.</summary>
    [Range(0, 100)]
    public int HistoryTurns { get; set; } = 10;

    /// <summary>Shortest time between two streamed updates (Teams allows about one per second).</summary>
    [Range(0, 10_000)]
    public int StreamingIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// How long /api/messages waits for a turn before answering 202 and finishing it in the background
    /// (replies still go to the serviceUrl), so slow answers do not make Teams retry after 15 s.
    /// </summary>
    [Range(0, 60_000)]
    public int MaxSynchronousTurnMilliseconds { get; set; } = 10_000;

    /// <summary>How long an activity id is remembered, so a channel's retry of it is not answered twice.</summary>
    [Range(1, 24 * 60)]
    public int ReplayWindowMinutes { get; set; } = 60;

    /// <summary>Most activity ids remembered for replay detection (the oldest are forgotten first).</summary>
    [Range(100, 1_000_000)]
    public int MaxRememberedActivities { get; set; } = 20_000;

    /// <summary>
    /// Public address of the bot for document links. Required when <see cref="MicrosoftAppId"/> is set; empty
    /// (anonymous, local use) = taken from each request, whose replies only that requester sees.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
