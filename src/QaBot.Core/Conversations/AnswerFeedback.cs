namespace QaBot.Core.Conversations;

/// <summary>Feedback on one answer: the user's latest reaction, an optional comment, and the answer itself.</summary>
public sealed record AnswerFeedback(AnswerRecord Answer, FeedbackReaction Reaction, string? Comment, DateTimeOffset UpdatedUtc);
