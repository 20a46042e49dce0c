namespace QaBot.Bot.Channel;

/// <summary>Checks the fields every incoming activity needs before the bot looks at it.</summary>
public static class ActivityValidator
{
    public const int MaxIdLength = 1024;
    public const int MaxTypeLength = 64;

    /// <summary>The first problem with the activity, or null when it can be processed.</summary>
    public static string? Validate(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no 'type'.";
        }

        if (activity.Type.Length > MaxTypeLength || !activity.Type.All(char.IsAsciiLetterOrDigit))
        {
            return "The activity 'type' is not a valid activity type.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no 'conversation.id'.";
        }

        if (activity.Conversation.Id.Length > MaxIdLength || activity.Conversation.Id.Any(char.IsControl))
        {
            return "The activity's 'conversation.id' is too long or has control characters.";
        }

        if (IsDotSegment(activity.Conversation.Id))
        {
            return "The activity's 'conversation.id' is not a valid id ('.' and '..' would leave the conversation's address).";
        }

        if (activity.Id is { } id && (id.Length > MaxIdLength || id.Any(char.IsControl)))
        {
            return "The activity's 'id' is too long or has control characters.";
        }

        if (activity.Id is { } activityId && IsDotSegment(activityId))
        {
            return "The activity's 'id' is not a valid id ('.' and '..' would leave the conversation's address).";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return "The activity has no 'serviceUrl'.";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUri)
            || (serviceUri.Scheme != Uri.UriSchemeHttp && serviceUri.Scheme != Uri.UriSchemeHttps))
        {
            return "The activity's 'serviceUrl' is not an absolute http(s) URL.";
        }

        if (activity.DeliveryMode is { } mode && mode.Length > MaxTypeLength)
        {
            return "The activity's 'deliveryMode' is not valid.";
        }

        return null;
    }

    /// <summary>
    /// True for "." and "..": ids go into reply URLs as path segments, and escaping leaves these two as
    /// they are, so the URL would resolve outside <c>/v3/conversations/{id}</c>.
    /// </summary>
    public static bool IsDotSegment(string id) => id is "." or "..";
}
