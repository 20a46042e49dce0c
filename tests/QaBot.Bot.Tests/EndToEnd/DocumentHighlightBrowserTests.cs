using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// Issue 13 point 3 in a real browser on the real bot: an answer that cites two sentences of one article
/// far apart links to a page that highlights exactly those two sentences — two marks, the first scrolled
/// to — and nothing between them (it used to highlight the whole span, start=0&amp;end=2796).
/// </summary>
[Collection(RealBotCollection.Name)]
public sealed class DocumentHighlightBrowserTests(RealBotFixture bot)
{
    [Fact]
    public async Task ACitationOfTwoDistantSentencesHighlightsExactlyThoseTwo()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowser.LaunchAsync(playwright);
        var page = await WebChatBrowser.OpenWebChatAsync(browser, bot.BaseAddress);
        var sendBox = page.Locator("[data-id=\"webchat-sendbox-input\"]");
        await sendBox.FillAsync("Who did Jaishankar meet at the Pentagon?");
        await sendBox.PressAsync("Enter");

        var pill = page.Locator("a.qabot-citation").First;
        await Assertions.Expect(pill).ToBeVisibleAsync(new() { Timeout = 45_000 });
        var popupTask = page.Context.WaitForPageAsync(new() { Timeout = 15_000 });
        await pill.ClickAsync();
        var article = await popupTask;
        await article.WaitForLoadStateAsync();
        Assert.Matches(new Regex(@"[?&]hl=\d+-\d+,\d+-\d+"), article.Url);

        var marks = article.Locator("mark");
        await Assertions.Expect(marks).ToHaveCountAsync(2);
        await Assertions.Expect(marks.First).ToHaveAttributeAsync("id", "cited");
        var texts = await marks.AllTextContentsAsync();
        Assert.All(texts, t => Assert.True(t.Length < 600, $"a highlight of {t.Length} characters: {t}"));

        // What lies between the two highlights is plain text, and there is some of it.
        var between = await article.EvaluateAsync<JsonElement>("""
            () => {
              const [a, b] = document.querySelectorAll('mark');
              const range = document.createRange();
              range.setStartAfter(a);
              range.setEndBefore(b);
              return { text: range.toString(), marked: range.cloneContents().querySelectorAll('mark').length };
            }
            """);
        Assert.True(between.GetProperty("text").GetString()!.Trim().Length > 100);
        Assert.Equal(0, between.GetProperty("marked").GetInt32());

        await article.SetViewportSizeAsync(1000, 900);
        await Screenshots.SaveAsync(article, "document-two-highlights.png", article.Locator("article"));
    }
}
