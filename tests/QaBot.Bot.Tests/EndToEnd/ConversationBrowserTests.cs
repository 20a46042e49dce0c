using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Cli.Commands;
using QaBot.Core.Conversations;
using QaBot.Core.Evaluation;
using QaBot.Testing;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// Issue 13 in a real browser (Debian's Chromium through Playwright) against the real bot on seeds/:
/// a three-turn conversation at a human pace — a question, a follow-up, a declined question — stays in
/// order in the DOM with streaming on; the [n] citations are focusable pills that preview their source;
/// a thumbs-down with a comment given in Web Chat comes out of <c>qabot feedback export</c> as an eval case.
/// </summary>
[Collection(RealBotCollection.Name)]
public sealed class ConversationBrowserTests(RealBotFixture bot) : IDisposable
{
    private const string First = "Who did Jaishankar meet at the Pentagon?";
    private const string FollowUp = "Which pending sales did he hope to complete?";
    private const string Unanswerable = "Who won Wimbledon in 2024?";

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task AThreeTurnConversationStaysInOrderCitationsPreviewAndFeedbackBecomesAnEvalCase()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        try
        {
            await ConverseAsync(page);
        }
        catch
        {
            await Screenshots.SaveAsync(page, "failed-conversation.png");
            throw;
        }
    }

    private async Task ConverseAsync(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(bot.BaseAddress.AbsoluteUri);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Online", new() { Timeout = 30_000 });

        // The "Try asking" panel holds questions drawn from the indexed articles.
        await Assertions.Expect(page.Locator(".example").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Contains("articles indexed", await page.Locator("#corpus-size").TextContentAsync(), StringComparison.Ordinal);

        var botMessages = page.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__render-markdown");
        await AskAsync(page, First);
        await Assertions.Expect(botMessages.Filter(new() { HasTextRegex = new Regex("Hegseth"), Has = page.Locator("a[href*='/documents/']") })).ToHaveCountAsync(1, new() { Timeout = 45_000 });
        await AskAsync(page, FollowUp);
        await Assertions.Expect(page.Locator(".webchat__bubble--from-user")).ToHaveCountAsync(2);
        await WaitForRepliesAsync(page, 2);
        await AskAsync(page, Unanswerable);
        await Assertions.Expect(botMessages.Filter(new() { HasTextRegex = new Regex("couldn.t find") })).ToHaveCountAsync(1, new() { Timeout = 45_000 });
        await WaitForRepliesAsync(page, 3);

        // The transcript in DOM order: each question is followed by its own answer before the next question.
        var transcript = await TranscriptAsync(page);
        var questions = transcript.Select((b, i) => (b, i)).Where(x => x.b.FromUser).Select(x => x.i).ToList();
        Assert.Equal([First, FollowUp, Unanswerable], questions.Select(i => transcript[i].Text));
        string Between(int from, int to) => string.Join(" | ", transcript.Skip(from + 1).Take(to - from - 1).Select(b => b.Text));
        Assert.Contains("Hegseth", Between(questions[0], questions[1]), StringComparison.Ordinal);
        Assert.Matches(@"\S", Between(questions[1], questions[2]));
        Assert.DoesNotMatch("couldn.t find", Between(questions[1], questions[2]));
        Assert.Matches("couldn.t find", Between(questions[2], transcript.Count));
        await page.SetViewportSizeAsync(1280, 2200);
        await Screenshots.SaveAsync(page, "webchat-conversation.png");
        await page.SetViewportSizeAsync(1280, 900);

        // No suggestion repeats the question just asked.
        var suggestions = await page.Locator(".webchat__suggested-actions button").AllTextContentsAsync();
        Assert.DoesNotContain(suggestions, s => s.Trim().Equals(Unanswerable, StringComparison.OrdinalIgnoreCase));

        // The first answer's [n] is a citation pill: focus shows its title, date and cited sentence.
        var pill = page.Locator("a.qabot-citation").First;
        await pill.FocusAsync();
        var preview = page.Locator("#citation-preview");
        await Assertions.Expect(preview).ToBeVisibleAsync();
        await Assertions.Expect(preview).ToContainTextAsync("Jaishankar");
        await Assertions.Expect(preview).ToContainTextAsync(new Regex(@"\d{1,2} \w+ 20\d\d"));
        await pill.HoverAsync();
        await Assertions.Expect(preview).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "citation-preview.png");
        Assert.Contains("/documents/", await pill.GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Contains("hl=", await pill.GetAttributeAsync("href"), StringComparison.Ordinal);

        // Thumbs down on the first answer, with a comment.
        var firstAnswer = page.Locator(".webchat__basic-transcript__activity:has(button.webchat__thumb-button)", new() { Has = page.Locator(".webchat__render-markdown", new() { HasTextRegex = new Regex("Hegseth") }) }).First;
        await firstAnswer.Locator("button.webchat__thumb-button").Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator(".ac-textBlock", new() { HasTextString = "What was wrong" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.Locator(".ac-textInput").Last.FillAsync("It should also name the date of the meeting.");
        await page.Locator("button", new() { HasTextString = "Send comment" }).Last.ClickAsync();
        await Assertions.Expect(botMessages.Filter(new() { HasTextString = "comment is saved" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        // `qabot feedback export` writes it as a case of the question-set format.
        var output = _temp.File("feedback.jsonl");
        var root = new RootCommand { FeedbackCommand.Create(bot.Factory.Services) };
        Assert.Equal(0, await root.Parse(["feedback", "export", "--out", output]).InvokeAsync());
        var set = QuestionSetReader.Parse(await File.ReadAllLinesAsync(output), output);
        Assert.Empty(set.Errors);
        var exported = Assert.Single(set.Cases, c => c.Question == First);
        Assert.True(exported.Answerable);
        Assert.NotEmpty(exported.Sources);
        var line = JsonDocument.Parse((await File.ReadAllLinesAsync(output)).Single(l => l.Contains(First, StringComparison.Ordinal))).RootElement;
        Assert.Equal("dislike", line.GetProperty("review").GetProperty("reaction").GetString());
        Assert.Equal("It should also name the date of the meeting.", line.GetProperty("review").GetProperty("comment").GetString());
        Assert.Contains("Hegseth", line.GetProperty("review").GetProperty("botAnswer").GetString(), StringComparison.Ordinal);
        Assert.Equal("extractive", line.GetProperty("review").GetProperty("composer").GetString(), ignoreCase: true);

        Assert.Empty(errors);
    }

    public void Dispose() => _temp.Dispose();

    private static async Task AskAsync(IPage page, string question)
    {
        var sendBox = page.Locator("[data-id=\"webchat-sendbox-input\"]");
        await sendBox.FillAsync(question);
        await sendBox.PressAsync("Enter");
    }

    /// <summary>Waits until the bot has finished <paramref name="answers"/> answers (each final answer carries thumbs).</summary>
    private static Task WaitForRepliesAsync(IPage page, int answers) =>
        Assertions.Expect(page.Locator(".webchat__basic-transcript__activity:has(button.webchat__thumb-button)")).ToHaveCountAsync(answers, new() { Timeout = 45_000 });

    private static async Task<List<(bool FromUser, string Text)>> TranscriptAsync(IPage page)
    {
        var items = await page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('.webchat__bubble')).map(b => ({
                fromUser: b.classList.contains('webchat__bubble--from-user'),
                text: (b.querySelector('.webchat__render-markdown, .webchat__text-content') || b).innerText.trim()
            }))
            """);
        return [.. items.EnumerateArray().Select(e => (e.GetProperty("fromUser").GetBoolean(), e.GetProperty("text").GetString() ?? string.Empty))];
    }
}
