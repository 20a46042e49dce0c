using Microsoft.Playwright;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// Issue 6 point 4 in a real browser: a streamed answer grows in place in Web Chat (typing activities with
/// stream info) and ends as one message with its sources — no duplicate bubble.
/// </summary>
public sealed class StreamingBrowserTests : IAsyncLifetime
{
    private readonly BotHostFactory _factory = new(kestrel: true);

    public Task InitializeAsync()
    {
        _factory.Answering.Deltas = ["Jaishankar met ", "US Secretary of Defence ", "Pete Hegseth ", "at the Pentagon [1]. ", "They discussed defence ties [2]."];
        _factory.Answering.DelayBetweenDeltas = TimeSpan.FromMilliseconds(1000);
        _factory.Answering.AnswerFor = question => FakeAnsweringService.SampleAnswer(question, "Jaishankar met US Secretary of Defence Pete Hegseth at the Pentagon [1]. They discussed defence ties [2].");
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AStreamedAnswerGrowsInPlaceAndEndsAsOneCitedMessage()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowser.LaunchAsync(playwright);
        var page = await WebChatBrowser.OpenWebChatAsync(browser, _factory.ServerAddress);

        await WebChatBrowser.AskAsync(page, "Who did Jaishankar meet at the Pentagon?");

        var bot = page.Locator(".webchat__bubble.webchat__stacked-layout__message:not(.webchat__bubble--from-user) .webchat__render-markdown");
        await Assertions.Expect(bot.Filter(new() { HasTextString = "Jaishankar met US Secretary" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        Assert.Equal(0, await bot.Filter(new() { HasTextString = "defence ties [2]" }).CountAsync());

        await Assertions.Expect(page.Locator(".ac-textBlock", new() { HasTextString = "Sources" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(bot.Filter(new() { HasTextString = "Hegseth" })).ToHaveCountAsync(1);

        // The final message replaces the streamed text: its markers are citation pills now.
        await Assertions.Expect(bot.Filter(new() { HasTextString = "defence ties", Has = page.Locator("a.qabot-citation", new() { HasTextString = "2" }) })).ToHaveCountAsync(1);
    }
}
