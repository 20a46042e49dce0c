using System.Globalization;
using QaBot.Bot.Channel;
using QaBot.Core.Channels;

namespace QaBot.Bot.Turns;

/// <summary>What the bot says when it joins a conversation: what it has read, with example questions about it to tap.</summary>
public static class WelcomeMessage
{
    public static Activity Create(Activity incoming, CorpusOverview corpus)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(corpus);
        var articles = corpus.Documents switch
        {
            0 => "the news articles I have read",
            1 => "the one news article I have read",
            var n => string.Create(CultureInfo.InvariantCulture, $"the {n:N0} news articles I have read"),
        };
        var text = $"Hi! I'm **QaBot**. Ask me about {articles} and I'll answer with numbered sources [n] you can open.";
        if (corpus.Questions.Count > 0)
        {
            text += " For example:\n\n" + string.Join("\n", corpus.Questions.Select(q => "- " + ChannelText.EscapeMarkdownText(q)));
        }

        var reply = incoming.CreateReply(ActivityTypes.Message, text);
        reply.TextFormat = "markdown";
        if (corpus.Questions.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = [.. corpus.Questions.Select(q => new CardAction { Type = "imBack", Title = q, Value = q })],
            };
        }

        return reply;
    }
}
