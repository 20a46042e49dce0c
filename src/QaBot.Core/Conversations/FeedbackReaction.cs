namespace QaBot.Core.Conversations;

/// <summary>A user's verdict on an answer (thumbs up or down).</summary>
public enum FeedbackReaction
{
    Like,
    Dislike,
}
