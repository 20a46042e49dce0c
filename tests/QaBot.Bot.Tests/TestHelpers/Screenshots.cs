using Microsoft.Playwright;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>Set QABOT_SCREENSHOTS to a folder (docs/screenshots for the README) to keep screenshots of a browser test.</summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name, ILocator? element = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Environment.GetEnvironmentVariable("QABOT_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        if (element is null)
        {
            await page.ScreenshotAsync(new() { Path = path });
        }
        else
        {
            await element.ScreenshotAsync(new() { Path = path });
        }
    }
}
