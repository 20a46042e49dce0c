using Microsoft.Playwright;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// Issue 7 point 7 in a real browser: an answer and snippet carrying markup from a document render as text in
/// Web Chat (message and sources card) and on the document page; no script runs.
/// </summary>
public sealed class HostileContentBrowserTests : IAsyncLifetime
{
    private const string Payload = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> [click](javascript:window.pwned=3)";
    private readonly BotHostFactory _factory = new(kestrel: true);

    public Task InitializeAsync()
    {
        _factory.Answering.AnswerFor = question => FakeAnsweringService.SampleAnswer(
            question,
            "Hegseth said " + Payload + " [1].",
            [FakeAnsweringService.SampleCitation(1, "Snippet " + Payload + " end.") with { DocumentId = FakeDocumentSource.HostileId, SnippetStart = 0, SnippetEnd = 200 }]);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task MarkupFromDocumentsShowsAsTextAndNoScriptRuns()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowser.LaunchAsync(playwright);
        var page = await WebChatBrowser.OpenWebChatAsync(browser, _factory.ServerAddress);

        await WebChatBrowser.AskAsync(page, "Who did Jaishankar meet at the Pentagon?");

        var answer = page.Locator(".webchat__render-markdown", new() { HasTextString = "<script>window.pwned = 1</script>" }).First;
        await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".ac-textBlock", new() { HasTextString = "<img src=x onerror" }).First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".webchat__basic-transcript img[src='x']").CountAsync());
        Assert.Equal(0, await page.Locator(".webchat__basic-transcript a[href^='javascript']").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));

        // The citation preview shows the hostile snippet as text too.
        await page.Locator("a.qabot-citation").First.FocusAsync();
        await Assertions.Expect(page.Locator("#citation-preview blockquote")).ToContainTextAsync("<script>window.pwned = 1</script>");
        Assert.Equal(0, await page.Locator("#citation-preview script, #citation-preview img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));

        var documentPage = await browser.NewPageAsync();
        await documentPage.GotoAsync(new Uri(_factory.ServerAddress, $"documents/{FakeDocumentSource.HostileId}?start=0&end=200#cited").AbsoluteUri);
        await Assertions.Expect(documentPage.Locator("mark#cited")).ToContainTextAsync("<script>window.pwned = true;</script>");
        Assert.Equal("undefined", await documentPage.EvaluateAsync<string>("() => typeof window.pwned"));
    }
}
