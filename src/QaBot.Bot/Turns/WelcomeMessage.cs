using QaBot.Bot.Channel;

namespace QaBot.Bot.Turns;

/// <summary>What the bot says when it joins a conversation, with example questions to tap.</summary>
public static class WelcomeMessage
{
    public static IReadOnlyList<string> ExampleQuestions { get; } =
    [
        "Who did Jaishankar meet at the Pentagon?",
        "What does the acronym COMPACT stand for?",
        "Which two ambassadors to China met in Beijing?",
    ];

    public static Activity Create(Activity incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var reply = incoming.CreateReply(
            ActivityTypes.Message,
            "Hi! I'm **QaBot**. Ask me about the news articles I have read and I'll answer with numbered sources [n] you can open. For example:\n\n"
            + string.Join("\n", ExampleQuestions.Select(q => "- " + q)));
        reply.TextFormat = "markdown";
        reply.SuggestedActions = new SuggestedActions
        {
            Actions = [.. ExampleQuestions.Select(q => new CardAction { Type = "imBack", Title = q, Value = q })],
        };
        return reply;
    }
}
