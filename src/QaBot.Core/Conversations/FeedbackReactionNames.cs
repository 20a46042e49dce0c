namespace QaBot.Core.Conversations;

/// <summary>
/// How a <see cref="FeedbackReaction"/> is written wherever it leaves the process: in both conversation
/// stores, in the feedback export, and in what the web chat and Teams cards send back.
/// </summary>
public static class FeedbackReactionNames
{
    public const string Like = "like";

    public const string Dislike = "dislike";

    public static string Name(FeedbackReaction reaction) => reaction == FeedbackReaction.Like ? Like : Dislike;

    /// <summary>The reaction named <paramref name="value"/>; null for any other text.</summary>
    public static FeedbackReaction? Parse(string? value) => value switch
    {
        Like => FeedbackReaction.Like,
        Dislike => FeedbackReaction.Dislike,
        _ => null,
    };
}
