using System.Globalization;
using System.Text.Json.Nodes;
using QaBot.Bot.Documents;
using QaBot.Bot.Turns;
using QaBot.Core.Answering;

namespace QaBot.Bot.Teams;

/// <summary>
/// The Teams AI message entity (<c>https://schema.org/Message</c>): the "AI generated" label and one
/// <c>Claim</c> per citation, whose <c>position</c> matches the <c>[n]</c> marker in the text, with a
/// title, a short abstract of the snippet and a link to the document page.
/// </summary>
public static class CitationEntityFactory
{
    public const string EntityType = "https://schema.org/Message";

    /// <summary>Teams shows at most this much of a citation's abstract.</summary>
    public const int MaxAbstractChars = 160;

    public const int MaxNameChars = 80;

    public static JsonObject Create(IEnumerable<Citation> citations, Uri publicBaseUri)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var claims = new JsonArray();
        foreach (var citation in citations)
        {
            var appearance = new JsonObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = ChannelText.Shorten(citation.Title, MaxNameChars),
                ["abstract"] = ChannelText.Shorten(citation.Snippet, MaxAbstractChars),
                ["url"] = DocumentLinks.For(publicBaseUri, citation).AbsoluteUri,
            };
            if (citation.PublishedDate is { } date)
            {
                appearance["keywords"] = new JsonArray(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            claims.Add(new JsonObject
            {
                ["@type"] = "Claim",
                ["position"] = citation.Number,
                ["appearance"] = appearance,
            });
        }

        return new JsonObject
        {
            ["type"] = EntityType,
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = string.Empty,
            ["additionalType"] = new JsonArray("AIGeneratedContent"),
            ["citation"] = claims,
        };
    }
}
