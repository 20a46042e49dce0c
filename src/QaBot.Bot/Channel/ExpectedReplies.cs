namespace QaBot.Bot.Channel;

/// <summary>The response body for <c>deliveryMode: expectReplies</c>: every activity the turn sent.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];
}
