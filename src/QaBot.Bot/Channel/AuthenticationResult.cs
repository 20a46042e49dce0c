using System.Security.Claims;

namespace QaBot.Bot.Channel;

/// <summary>The outcome of checking a request's Bot Framework token.</summary>
public sealed record AuthenticationResult(bool Succeeded, ClaimsIdentity? Identity, string? FailureReason)
{
    /// <summary>Channels the signing key is endorsed for (Bot Framework keys list them); null when the key lists none.</summary>
    public IReadOnlyList<string>? Endorsements { get; init; }

    public static AuthenticationResult Anonymous { get; } = new(true, null, null);

    public static AuthenticationResult Fail(string reason) => new(false, null, reason);

    /// <summary>The <c>serviceurl</c> claim channels put in their tokens (null when anonymous).</summary>
    public string? ServiceUrlClaim => Identity?.FindFirst("serviceurl")?.Value;
}
