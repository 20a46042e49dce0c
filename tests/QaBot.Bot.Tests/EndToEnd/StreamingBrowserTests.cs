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
        Assert.True(File.Exists(WebChatBrowserTests.ChromiumPath), $"{WebChatBrowserTests.ChromiumPath} is missing: run scripts/install-test-prerequisites.sh.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = WebChatBrowserTests.ChromiumPath,
            Headless = true,
            Args = WebChatBrowserTests.ChromiumArgs,
            Timeout = 60_000,
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_factory.ServerAddress.AbsoluteUri);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Online", new() { Timeout = 30_000 });

        await page.Locator(".example").First.ClickAsync();

        var bot = page.Locator(".webchat__bubble.webchat__stacked-layout__message:not(.webchat__bubble--from-user) .webchat__render-markdown");
        await Assertions.Expect(bot.Filter(new() { HasTextString = "Jaishankar met US Secretary" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        Assert.Equal(0, await bot.Filter(new() { HasTextString = "defence ties [2]" }).CountAsync());

        await Assertions.Expect(page.Locator(".ac-textBlock", new() { HasTextString = "Sources" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(bot.Filter(new() { HasTextString = "Hegseth" })).ToHaveCountAsync(1);
        await Assertions.Expect(bot.Filter(new() { HasTextString = "defence ties [2]" })).ToHaveCountAsync(1);
    }
}
