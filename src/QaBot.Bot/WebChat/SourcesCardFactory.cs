using System.Globalization;
using System.Text.Json.Nodes;
using QaBot.Bot.Channel;
using QaBot.Bot.Documents;
using QaBot.Bot.Turns;
using QaBot.Core.Answering;

namespace QaBot.Bot.WebChat;

/// <summary>
/// An Adaptive Card listing an answer's numbered sources with their snippets and a link to each
/// document page (and to the article's own http(s) address when it has one), for channels without
/// Teams' citation pills (Web Chat, Direct Line, Emulator).
/// Snippet text is escaped so a document cannot format or link inside the card.
/// </summary>
public static class SourcesCardFactory
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public const int MaxSnippetChars = 500;

    public static Attachment Create(IReadOnlyList<Citation> citations, Uri publicBaseUri)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = citations.Count == 1 ? "Source" : "Sources",
                ["weight"] = "Bolder",
                ["size"] = "Medium",
            },
        };

        foreach (var citation in citations)
        {
            var url = DocumentLinks.For(publicBaseUri, citation).AbsoluteUri;
            var heading = $"\\[{citation.Number}\\] {ChannelText.EscapeCardMarkdown(ChannelText.Shorten(citation.Title, 120))}";
            var items = new JsonArray
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = heading, ["weight"] = "Bolder", ["wrap"] = true },
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
                ["text"] = "“" + ChannelText.EscapeCardMarkdown(ChannelText.Shorten(citation.Snippet, MaxSnippetChars)) + "”",
                ["wrap"] = true,
                ["spacing"] = "Small",
            });
            var actions = new JsonArray(new JsonObject
            {
                ["type"] = "Action.OpenUrl",
                ["title"] = $"Open article [{citation.Number}]",
                ["url"] = url,
            });
            if (DocumentLinks.Original(citation.Url) is { } original)
            {
                actions.Add(new JsonObject
                {
                    ["type"] = "Action.OpenUrl",
                    ["title"] = $"Original [{citation.Number}]",
                    ["url"] = original.AbsoluteUri,
                });
            }

            items.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = actions });
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["spacing"] = "Medium",
                ["items"] = items,
            });
        }

        return new Attachment
        {
            ContentType = ContentType,
            Content = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = body,
            },
        };
    }
}
