using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 7, point 7, through the REAL pipeline: an article carrying script, an event-handler image and a
/// javascript: link is indexed, retrieved and quoted by the extractive composer; the Bot Framework reply
/// (text, sources card, citation entity) and the document page show the markup as inert text.
/// </summary>
public sealed class HostileCorpusTests
{
    private const string Markup = "<script>window.pwned=1</script> <img src=x onerror=alert(2)> [click here](javascript:alert(3))";

    [Fact]
    public async Task MarkupInAnIndexedArticleReachesWebChatAndTheDocumentPageOnlyAsEscapedText()
    {
        using var corpus = new TempFolder();
        HarbourCorpus.Write(corpus.Path, 4);
        File.WriteAllText(
            Path.Combine(corpus.Path, "hostile.txt"),
            $"Zorbavik harbour report\n\nThe harbour of Zorbavik handled 4321 containers {Markup} last week, officials said.\n\nLast Updated : Jul 02 2025 | 6:50 AM IST\n",
            new UTF8Encoding(false));
        // What is checked is how the channel shows a quoted sentence full of markup, not whether the answer
        // model trusts such a sentence (the encoder reads the markup as noise, so it scores low): the bot
        // answers whatever the model ranks first.
        await using var factory = new BotHostFactory(
            new Dictionary<string, string?> { ["QaBot:Corpus:Path"] = corpus.Path, ["QaBot:Answering:DeclineThreshold"] = "0" },
            realServices: true);
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(2));

        using var response = await client.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            ActivityJson.Content(ActivityJson.Message("How many containers did the harbour of Zorbavik handle?", deliveryMode: "expectReplies", channelId: "webchat")));
        var reply = (await ActivityJson.ExpectedRepliesAsync(response)).Last(a => a!["type"]!.GetValue<string>() == "message")!;

        // The answer quotes the hostile sentence, escaped.
        var text = reply["text"]!.GetValue<string>();
        Assert.Contains("4321", text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", text, StringComparison.Ordinal);

        // What channels render as markdown/HTML (the text and the card) carries no live markup or
        // javascript: link. The citation entity's name and abstract are plain-text fields (Teams shows
        // them as text); its links must be the bot's own http(s) document pages.
        foreach (var value in Strings(reply["text"]).Concat(Strings(reply["attachments"])))
        {
            Assert.False(HasLiveMarkup(value), $"live markup in the reply: {value}");
        }

        var urls = (reply["entities"]?.AsArray() ?? []).SelectMany(e => Urls(e)).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.True(
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.AbsolutePath.StartsWith("/documents/", StringComparison.Ordinal),
            $"the entity links to {url}"));

        // The card shows the snippet with markdown and markup escaped.
        var card = Assert.Single(reply["attachments"]!.AsArray())!;
        Assert.Contains(Strings(card), s => s.Contains("\\<script\\>", StringComparison.Ordinal));

        // The cited article's page: encoded text under a policy that forbids scripts.
        var link = Strings(reply).First(s => s.Contains("/documents/hostile", StringComparison.Ordinal) && Uri.IsWellFormedUriString(s, UriKind.Absolute));
        using var page = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;window.pwned=1&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    /// <summary>Raw HTML tags from the article, or a markdown link to javascript: that is not escaped.</summary>
    private static bool HasLiveMarkup(string value) =>
        value.Contains("<script", StringComparison.OrdinalIgnoreCase) && !value.Contains("\\<script", StringComparison.Ordinal)
        || value.Contains("<img", StringComparison.OrdinalIgnoreCase) && !value.Contains("\\<img", StringComparison.Ordinal)
        || value.Contains("](javascript:", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Urls(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "url" && p.Value is JsonValue v && v.TryGetValue<string>(out var url) ? [url] : Urls(p.Value)),
        JsonArray array => array.SelectMany(Urls),
        _ => [],
    };

    private static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    foreach (var s in Strings(child))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var s in Strings(child))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                yield return s;
                break;
        }
    }
}
