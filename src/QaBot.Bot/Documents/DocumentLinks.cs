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
}
