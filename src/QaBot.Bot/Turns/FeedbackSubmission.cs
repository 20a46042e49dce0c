using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Bot.Channel;
using QaBot.Core.Conversations;

namespace QaBot.Bot.Turns;

/// <summary>
/// Feedback a user gave on an answer, read from whichever activity carried it: Teams' <c>message/submitAction</c>
/// invoke (reaction and comment, the answer by its reply id), Web Chat's <c>webchat:activity-status/feedback</c>
/// event (the Like or Dislike action, the answer by the action's id), or the comment card's submit.
/// </summary>
public sealed record FeedbackSubmission(string AnswerOrReplyId, FeedbackReaction? Reaction, string? Comment)
{
    public const string TeamsInvokeName = "message/submitAction";
    public const string WebChatEventName = "webchat:activity-status/feedback";

    /// <summary>The comment card's submit data key, whose value is the answer id.</summary>
    public const string CommentCardKey = "qabotFeedback";

    public const int MaxCommentChars = 2_000;

    /// <summary>Teams' feedback invoke: <c>value.actionName</c> "feedback", <c>actionValue.reaction</c> like|dislike, <c>actionValue.feedback</c> a JSON string with <c>feedbackText</c>.</summary>
    public static FeedbackSubmission? FromTeamsInvoke(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Value is not JsonObject value
            || !string.Equals(Text(value["actionName"]), "feedback", StringComparison.Ordinal)
            || value["actionValue"] is not JsonObject actionValue
            || string.IsNullOrEmpty(activity.ReplyToId))
        {
            return null;
        }

        var reaction = FeedbackReactionNames.Parse(Text(actionValue["reaction"]));
        if (reaction is null)
        {
            return null;
        }

        string? comment = null;
        if (Text(actionValue["feedback"]) is { Length: > 0 } feedback)
        {
            try
            {
                comment = JsonNode.Parse(feedback) is JsonObject form ? Text(form["feedbackText"]) : feedback;
            }
            catch (JsonException)
            {
                comment = feedback;
            }
        }

        return new FeedbackSubmission(activity.ReplyToId, reaction, Clean(comment));
    }

    /// <summary>Web Chat's thumbs: an event whose entity is the Like or Dislike action the answer offered.</summary>
    public static FeedbackSubmission? FromWebChatEvent(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var action = activity.Entities?.FirstOrDefault(e => Text(e["@type"]) is "LikeAction" or "DislikeAction");
        if (action is null || FeedbackAction.AnswerIdOf(Text(action["@id"])) is not { } answerId)
        {
            return null;
        }

        return new FeedbackSubmission(answerId, Text(action["@type"]) == "LikeAction" ? FeedbackReaction.Like : FeedbackReaction.Dislike, null);
    }

    /// <summary>The comment card's submit: a message whose value names the answer and holds the comment.</summary>
    public static FeedbackSubmission? FromCommentCard(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Value is not JsonObject value || Text(value[CommentCardKey]) is not { Length: > 0 } answerId)
        {
            return null;
        }

        return new FeedbackSubmission(answerId, null, Clean(Text(value["comment"])));
    }

    private static string? Clean(string? comment)
    {
        var text = ChannelText.CleanIncoming(comment);
        return text.Length == 0 ? null : text.Length > MaxCommentChars ? text[..MaxCommentChars] : text;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
