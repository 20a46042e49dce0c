using System.Globalization;
using QaBot.Core.Answering;

namespace QaBot.Bot.Documents;

/// <summary>Addresses of the bot's document pages: <c>/documents/{id}?start=&amp;end=#cited</c> highlights a citation's passage.</summary>
public static class DocumentLinks
{
    public const string RoutePrefix = "/documents";
    public const string CitedAnchor = "cited";

    public static Uri For(Uri publicBaseUri, Citation citation)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        ArgumentNullException.ThrowIfNull(citation);
        var path = string.Create(
            CultureInfo.InvariantCulture,
            $"documents/{Uri.EscapeDataString(citation.DocumentId)}?start={citation.SnippetStart}&end={citation.SnippetEnd}#{CitedAnchor}");
        return new Uri(publicBaseUri, path);
    }

    /// <summary>
    /// A document's own address as a link target: only an absolute http(s) URL without credentials (the
    /// loader keeps no other, and this checks again where it is shown); null otherwise.
    /// </summary>
    public static Uri? Original(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;
}
