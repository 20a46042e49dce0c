namespace QaBot.Bot.Turns;

/// <summary>
/// The ids of the Like/Dislike actions on an answer: Web Chat sends the chosen action back in a
/// <c>webchat:activity-status/feedback</c> event, and the id says which answer it was.
/// </summary>
public static class FeedbackAction
{
    public const string Prefix = "qabot:answer/";

    public static string For(string answerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(answerId);
        return Prefix + answerId;
    }

    /// <summary>The answer id in an action id (<c>qabot:answer/{id}#like</c>), or null.</summary>
    public static string? AnswerIdOf(string? actionId)
    {
        if (actionId is null || !actionId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = actionId[Prefix.Length..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        var id = hash >= 0 ? rest[..hash] : rest;
        return id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit) ? id : null;
    }
}
