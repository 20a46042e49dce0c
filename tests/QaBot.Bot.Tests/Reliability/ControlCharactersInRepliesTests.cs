using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 12, row 10, through the real pipeline (real index, retrieval and extractive answer): an article
/// whose title and text carry terminal escape sequences, control and format characters is quoted in replies
/// on Web Chat (text, sources card, suggested actions) and Teams (text, citation entity) and shown on its
/// document page — each without a single escape, control or format character.
/// </summary>
public sealed class ControlCharactersInRepliesTests
{
    private const string Title = "Zorbavik\u001b]0;pwned\u0007 harbour report\u001b[2J\u200b";

    [Theory]
    [InlineData("webchat")]
    [InlineData("msteams")]
    public async Task RepliesAndTheDocumentPageCarryNoEscapeControlOrFormatCharacters(string channelId)
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var corpus = new TempFolder();
        HarbourCorpus.Write(corpus.Path, 3);
        File.WriteAllText(
            Path.Combine(corpus.Path, "hostile.txt"),
            $"{Title}\n\nThe harbour of Zorbavik handled 4321 containers last week \u001b[31mred\u001b[0m\u009b2J, officials\u00ad said\u0007.\u202e\n\nLast Updated : Jul 02 2025 | 6:50 AM IST\n",
            new UTF8Encoding(false));
        await using var factory = new BotHostFactory(
            new Dictionary<string, string?>
            {
                ["QaBot:Corpus:Path"] = corpus.Path,
                ["QaBot:Embeddings:Provider"] = "Ollama",
                ["QaBot:Embeddings:Ollama:Endpoint"] = embeddings.BaseUrl,
                ["QaBot:Embeddings:Ollama:Model"] = "fake-hashed-words",
                ["QaBot:Embeddings:Ollama:Dimensions"] = embeddings.Dimensions.ToString(CultureInfo.InvariantCulture),
            },
            realServices: true);
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(1));

        using var response = await client.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            ActivityJson.Content(ActivityJson.Message("How many containers did the harbour of Zorbavik handle last week?", deliveryMode: "expectReplies", channelId: channelId)));
        var reply = (await ActivityJson.ExpectedRepliesAsync(response)).Last(a => a!["type"]!.GetValue<string>() == "message")!;

        Assert.Contains("4321", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var strings = Strings(reply).ToList();
        Assert.Contains(strings, s => s.Contains("Zorbavik harbour report", StringComparison.Ordinal));
        foreach (var value in strings)
        {
            AssertPlain(value);
        }

        var link = strings.First(s => s.Contains("/documents/hostile", StringComparison.Ordinal) && Uri.IsWellFormedUriString(s, UriKind.Absolute));
        using var page = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<mark id=\"cited\">", html, StringComparison.Ordinal);
        Assert.Contains("4321 containers", html, StringComparison.Ordinal);
        AssertPlain(html);
    }

    private static void AssertPlain(string value)
    {
        var bad = value.Where(c => c is not ('\n' or '\r' or '\t') && (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)).ToList();
        Assert.True(bad.Count == 0, $"{string.Join(' ', bad.Select(c => $"U+{(int)c:X4}"))} in: {value}");
        Assert.DoesNotContain("]0;pwned", value, StringComparison.Ordinal);
        Assert.DoesNotContain("[2J", value, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
