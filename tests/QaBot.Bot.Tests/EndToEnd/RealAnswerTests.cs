using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>The real answering service behind /api/messages and the document page its citation links to.</summary>
[Collection(RealBotCollection.Name)]
public sealed class RealAnswerTests(RealBotFixture bot)
{
    [Fact]
    public async Task TheRealIndexAnswersWithHegsethAndTheCitationOpensTheHighlightedPassage()
    {
        var activity = ActivityJson.Message("Who did Jaishankar meet at the Pentagon?", deliveryMode: "expectReplies", conversationId: "real-1");

        using var response = await bot.Client.PostAsync("api/messages", ActivityJson.Content(activity));
        var answer = (await ActivityJson.ExpectedRepliesAsync(response)).Last()!;

        Assert.Contains("Hegseth", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var claim = ActivityJson.CitationEntity(answer)!["citation"]![0]!;
        var url = new Uri(claim["appearance"]!["url"]!.GetValue<string>());
        Assert.Equal(bot.BaseAddress.Authority, url.Authority);

        var page = await bot.Client.GetStringAsync(url.PathAndQuery);
        var mark = page[page.IndexOf("<mark id=\"cited\">", StringComparison.Ordinal)..];
        Assert.Contains("Hegseth", mark[..mark.IndexOf("</mark>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }
}
