using System.Text.Json.Nodes;
using QaBot.Bot.Channel;
using QaBot.Bot.Turns;
using QaBot.Core.Conversations;

namespace QaBot.Bot.WebChat;

/// <summary>The card Web Chat shows after a thumbs up or down: thanks, and a box for an optional comment.</summary>
public static class FeedbackCardFactory
{
    public static Attachment Create(string answerId, FeedbackReaction reaction)
    {
        ArgumentException.ThrowIfNullOrEmpty(answerId);
        var prompt = reaction == FeedbackReaction.Dislike
            ? "Thanks for telling me. What was wrong with the answer? (optional)"
            : "Thanks for the feedback. Anything to add? (optional)";
        return new Attachment
        {
            ContentType = SourcesCardFactory.ContentType,
            Content = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = prompt, ["wrap"] = true },
                    new JsonObject
                    {
                        ["type"] = "Input.Text",
                        ["id"] = "comment",
                        ["isMultiline"] = true,
                        ["maxLength"] = FeedbackSubmission.MaxCommentChars,
                        ["placeholder"] = "Your comment",
                        ["label"] = "Comment",
                    }),
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Action.Submit",
                    ["title"] = "Send comment",
                    ["data"] = new JsonObject { [FeedbackSubmission.CommentCardKey] = answerId },
                }),
            },
        };
    }
}
