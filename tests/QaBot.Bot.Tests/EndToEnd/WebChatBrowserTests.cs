using Microsoft.Playwright;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// The web chat page in headless Chromium (Debian's /usr/bin/chromium driven by Playwright for .NET),
/// against the real answering service: ask, see the answer naming Hegseth with a cited snippet, and
/// open the source. Fails — never skips — when Chromium is missing.
/// </summary>
[Collection(RealBotCollection.Name)]
public sealed class WebChatBrowserTests(RealBotFixture bot)
{
    [Fact]
    public async Task AskingInTheWebChatShowsTheAnswerWithACitedSnippetAndTheSourceOpens()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(bot.BaseAddress.AbsoluteUri);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("QaBot");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Online", new() { Timeout = 30_000 });

        var sendBox = page.Locator("[data-id=\"webchat-sendbox-input\"]");
        await sendBox.FillAsync("Who did Jaishankar meet at the Pentagon?");
        await sendBox.PressAsync("Enter");

        // The answer bubble names Hegseth and carries a citation pill.
        var answer = page.Locator(".webchat__bubble.webchat__stacked-layout__message:not(.webchat__bubble--from-user) .webchat__render-markdown", new() { HasTextString = "Hegseth", Has = page.Locator("a.qabot-citation") }).First;
        await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = 45_000 });

        // The sources card shows the cited snippet; the pill links to the article.
        var snippet = page.Locator(".ac-textBlock", new() { HasTextString = "Hegseth" }).First;
        await Assertions.Expect(snippet).ToBeVisibleAsync();
        var openSource = answer.Locator("a.qabot-citation").First;
        await Assertions.Expect(openSource).ToHaveTextAsync("1");

        // Follow-up suggestions are offered.
        await Assertions.Expect(page.Locator(".webchat__suggested-actions button").First).ToBeVisibleAsync();

        await SaveScreenshotAsync(page, "webchat-answer.png");

        // The citation link opens the article with the passage highlighted.
        var popupTask = page.Context.WaitForPageAsync(new() { Timeout = 15_000 });
        await openSource.ClickAsync();
        var article = await popupTask;
        await Assertions.Expect(article.Locator("mark#cited")).ToContainTextAsync("Hegseth");

        await SaveScreenshotAsync(article, "document-page.png");
        Assert.Empty(errors);
    }

    /// <summary>Set QABOT_SCREENSHOTS to a folder to keep screenshots of the run.</summary>
    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("QABOT_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
        }
    }
}
