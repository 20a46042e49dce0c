using Microsoft.Playwright;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>
/// Debian's headless Chromium (/usr/bin/chromium, installed by scripts/install-test-prerequisites.sh)
/// driven by Playwright for .NET — never a downloaded browser. A missing Chromium fails the test.
/// </summary>
public static class WebChatBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run scripts/install-test-prerequisites.sh (scripts/test.sh does).");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>Opens the web chat page and waits until Web Chat reports it is online.</summary>
    public static async Task<IPage> OpenWebChatAsync(IBrowser browser, Uri address)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(address);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(address.AbsoluteUri);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Online", new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>Types a question into Web Chat's send box and sends it.</summary>
    public static async Task AskAsync(IPage page, string question)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sendBox = page.Locator("[data-id=\"webchat-sendbox-input\"]");
        await sendBox.FillAsync(question);
        await sendBox.PressAsync("Enter");
    }
}
