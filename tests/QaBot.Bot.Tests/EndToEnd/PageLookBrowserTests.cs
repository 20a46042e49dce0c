using Microsoft.Playwright;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// Issue 13 points 4 and 8 in a real browser: the "Try asking" panel shows the configured (or corpus-drawn)
/// questions, never literals about the seed articles; the page has a favicon; the header logo keeps its
/// square shape on a 390 px wide phone screen.
/// </summary>
public sealed class PageLookBrowserTests : IAsyncLifetime
{
    private static readonly string[] Examples = ["Which ports reopened after the storm?", "Who chairs the harbour board?"];

    private readonly BotHostFactory _factory = new(
        new Dictionary<string, string?> { ["QaBot:Examples:Questions:0"] = Examples[0], ["QaBot:Examples:Questions:1"] = Examples[1] },
        kestrel: true);

    public Task InitializeAsync()
    {
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OnAPhoneTheLogoStaysSquareAndThePanelShowsTheConfiguredExamples()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2 });
        await page.GotoAsync(_factory.ServerAddress.AbsoluteUri);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Online", new() { Timeout = 30_000 });

        await Assertions.Expect(page.Locator(".example")).ToHaveTextAsync(Examples, new() { Timeout = 15_000 });
        Assert.DoesNotContain("Jaishankar", await page.ContentAsync(), StringComparison.Ordinal);

        var logo = await page.Locator(".logo").BoundingBoxAsync();
        Assert.NotNull(logo);
        Assert.Equal(40, logo.Width, 1);
        Assert.Equal(40, logo.Height, 1);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px screen");

        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(new Uri(_factory.ServerAddress, icon!).AbsoluteUri);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/svg+xml", response.Headers["content-type"], StringComparison.Ordinal);

        await Screenshots.SaveAsync(page, "webchat-phone.png");
    }
}
