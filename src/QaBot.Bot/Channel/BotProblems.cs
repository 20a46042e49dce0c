namespace QaBot.Bot.Channel;

/// <summary>RFC 9457 problem responses for the bot's endpoints: a title and a detail, never a stack trace.</summary>
public static class BotProblems
{
    public static IResult Create(int statusCode, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: statusCode, title: title);
}
