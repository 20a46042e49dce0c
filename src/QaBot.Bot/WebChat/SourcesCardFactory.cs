using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QaBot.Bot.Channel;
using QaBot.Bot.Documents;
using QaBot.Bot.Turns;

namespace QaBot.Bot.WebChat;

/// <summary>
/// Adaptive Cards for an answer's sources: the compact list under a web chat answer (only the sources
/// the text cites: number, linked title, date, and the cited sentences in bold within a little of their
/// context, and a link to the article's own http(s) address when it has one) and the card Teams shows for
/// one citation. Document text is escaped so a document can neither format nor link inside a card.
/// </summary>
public static class SourcesCardFactory
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Longest cited text shown per segment; the context around it is cut first.</summary>
    public const int MaxSnippetChars = 500;

    public static Attachment Create(IReadOnlyList<CitedPassage> passages, Uri publicBaseUri)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = passages.Count == 1 ? "Source" : "Sources",
                ["weight"] = "Bolder",
                ["size"] = "Small",
                ["isSubtle"] = true,
            },
        };

        foreach (var passage in passages)
        {
            var url = DocumentLinks.For(publicBaseUri, passage.Citation.DocumentId, passage.Ranges).AbsoluteUri;
            var container = Entry(passage, linkTitle: url);
            container["separator"] = true;
            container["spacing"] = "Small";
            container["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = url, ["title"] = $"Open source {passage.Citation.Number}" };
            body.Add(container);
        }

        return new Attachment { ContentType = ContentType, Content = Card(body) };
    }

    /// <summary>The card for one citation (Teams shows it when the citation is opened).</summary>
    public static JsonObject CreateCitationCard(CitedPassage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        return Card(new JsonArray(Entry(passage, linkTitle: null)));
    }

    /// <summary>The snippet as card markdown: the cited text in bold, the context around it plain.</summary>
    public static string SnippetMarkdown(CitedPassage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var builder = new StringBuilder();
        foreach (var segment in passage.Segments)
        {
            if (builder.Length > 0)
            {
                builder.Append(" … ");
            }

            if (segment.Before.Length > 0)
            {
                builder.Append(ChannelText.EscapeCardMarkdown(segment.Before)).Append(' ');
            }

            builder.Append("**").Append(ChannelText.EscapeCardMarkdown(ChannelText.Shorten(segment.Text, MaxSnippetChars))).Append("**");
            if (segment.After.Length > 0)
            {
                builder.Append(' ').Append(ChannelText.EscapeCardMarkdown(segment.After));
            }
        }

        return builder.ToString();
    }

    private static JsonObject Entry(CitedPassage passage, string? linkTitle)
    {
        var citation = passage.Citation;
        var title = ChannelText.EscapeCardMarkdown(ChannelText.Shorten(citation.Title, 120));
        var heading = linkTitle is null ? $"**{title}**" : $"\\[{citation.Number}\\] [{title}]({linkTitle})";
        var items = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = heading, ["wrap"] = true, ["weight"] = "Bolder" },
        };
        if (citation.PublishedDate is { } date)
        {
            items.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
                ["isSubtle"] = true,
                ["spacing"] = "None",
                ["size"] = "Small",
            });
        }

        items.Add(new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = SnippetMarkdown(passage),
            ["wrap"] = true,
            ["spacing"] = "Small",
            ["size"] = "Small",
        });
        if (DocumentLinks.Original(citation.Url) is { } original)
        {
            // The article's own page (checked: absolute http or https, no credentials), beside QaBot's copy.
            items.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["spacing"] = "Small",
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Action.OpenUrl",
                    ["title"] = $"Original at {original.Host}",
                    ["url"] = original.AbsoluteUri,
                }),
            });
        }

        return new JsonObject { ["type"] = "Container", ["items"] = items };
    }

    private static JsonObject Card(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = body,
    };
}
