namespace QaBot.Bot.Channel;

/// <summary>Activity <c>deliveryMode</c> values.</summary>
public static class DeliveryModes
{
    public const string Normal = "normal";

    /// <summary>Replies go back in the HTTP response body instead of to the serviceUrl.</summary>
    public const string ExpectReplies = "expectReplies";
}
