using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Bot.Documents;
using QaBot.Bot.Turns;
using QaBot.Bot.WebChat;

namespace QaBot.Bot.Teams;

/// <summary>
/// The AI message entity (<c>https://schema.org/Message</c>) as Microsoft documents it for Teams: the
/// "AI generated" label on every answer, and one <c>Claim</c> per citation whose <c>position</c> matches the
/// <c>[n]</c> marker in the text. Each claim's appearance keeps Teams' limits — name ≤ 80 characters,
/// abstract ≤ 160, at most 3 keywords of ≤ 28, at most 20 citations a message — and its <c>text</c> is a
/// serialized Adaptive Card with the title, date and the cited sentences in their context.
/// </summary>
public static class CitationEntityFactory
{
    public const string EntityType = "https://schema.org/Message";

    public const int MaxNameChars = 80;

    /// <summary>Teams shows at most this much of a citation's abstract.</summary>
    public const int MaxAbstractChars = 160;

    public const int MaxKeywords = 3;

    public const int MaxKeywordChars = 28;

    public const int MaxCitations = 20;

    /// <summary>The entity for an answer. <paramref name="feedbackActions"/> adds Like/Dislike actions, which Web Chat shows as thumbs.</summary>
    public static JsonObject Create(IEnumerable<CitedPassage> passages, Uri publicBaseUri, string? feedbackActions = null)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var claims = new JsonArray();
        foreach (var passage in passages.Take(MaxCitations))
        {
            var citation = passage.Citation;
            var appearance = new JsonObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = ChannelText.Shorten(citation.Title, MaxNameChars),
                ["abstract"] = ChannelText.Shorten(string.Join(" … ", passage.Segments.Select(s => s.Text)), MaxAbstractChars),
                ["text"] = JsonSerializer.Serialize(SourcesCardFactory.CreateCitationCard(passage)),
                ["encodingFormat"] = SourcesCardFactory.ContentType,
                ["url"] = DocumentLinks.For(publicBaseUri, citation.DocumentId, passage.Ranges).AbsoluteUri,
            };
            var keywords = Keywords(citation.PublishedDate);
            if (keywords.Count > 0)
            {
                appearance["keywords"] = keywords;
            }

            claims.Add(new JsonObject
            {
                ["@type"] = "Claim",
                ["position"] = citation.Number,
                ["appearance"] = appearance,
            });
        }

        var entity = new JsonObject
        {
            ["type"] = EntityType,
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = string.Empty,
            ["additionalType"] = new JsonArray("AIGeneratedContent"),
        };
        if (claims.Count > 0)
        {
            entity["citation"] = claims;
        }

        if (feedbackActions is not null)
        {
            entity["potentialAction"] = new JsonArray(
                new JsonObject { ["@type"] = "LikeAction", ["@id"] = feedbackActions + "#like" },
                new JsonObject { ["@type"] = "DislikeAction", ["@id"] = feedbackActions + "#dislike" });
        }

        return entity;
    }

    private static JsonArray Keywords(DateOnly? published)
    {
        var keywords = new JsonArray();
        foreach (var keyword in (string?[])[published?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)])
        {
            if (!string.IsNullOrWhiteSpace(keyword) && keywords.Count < MaxKeywords)
            {
                keywords.Add(ChannelText.Shorten(keyword, MaxKeywordChars));
            }
        }

        return keywords;
    }
}
