using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Configuration;
using QaBot.Core.Text;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// Issue 14, "what it must show", through the real bot (real indexing, storage, GloVe, extractive answers):
/// the committed test corpus holds HTML with boilerplate and scripts, Markdown with front matter, a real
/// PDF, JSON Lines, CSV, a Windows-1252 file, a file name with spaces and an accent, a file with binary
/// bytes past 8 KB and a PNG. Each article's fact is answered and cited with a clean title, no answer
/// carries markup, and every citation link (web chat card, Teams citation entity) opens with 200.
/// </summary>
public sealed partial class MixedCorpusTests
{
    private static readonly string Corpus = Path.Combine(QaBotPaths.FindRoot(), "tests", "corpora", "mixed");

    public static TheoryData<string, string, string> Facts => new()
    {
        { "How much will the Ash River footbridge cost?", "4.2 million dollars", "riverton-footbridge" },
        { "When will the Gannet Island ferry resume sailing?", "3 May", "port-elsie-ferry" },
        { "How many tonnes of apples did the Kestrel Valley cooperative pick?", "18,400 tonnes", "kestrel-valley-harvest" },
        { "Until what time will the Lakeside library stay open on Saturdays?", "8 pm", "wire-0412" },
        { "How many days will the Northgate tram line be closed?", "nine days", "wire-2025-2" },
        { "How many teams did Glenmoor High School beat?", "32 teams", "glenmoor-robotics" },
        { "Which baker won the pastry prize?", "Sébastien Lévesque", "cafe-brulee-cp1252" },
        { "How many stalls reopened at the covered market after the flood repairs?", "48 stalls", "Quillabée market report" },
    };

    [Fact]
    public async Task EveryArticleIsAnsweredAndCitedWithCleanTitlesNoMarkupAndLinksThatOpen()
    {
        await using var factory = new BotHostFactory(new Dictionary<string, string?> { ["QaBot:Corpus:Path"] = Corpus }, realServices: true);
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(3));

        var failures = new List<string>();
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in (string[])["webchat", "msteams"])
        {
            foreach (var fact in Facts)
            {
                var (question, expected, documentId) = ((string)fact[0], (string)fact[1], (string)fact[2]);
                var reply = await AskAsync(client, question, channel);
                var text = reply["text"]!.GetValue<string>();
                var entity = ActivityJson.CitationEntity(reply);
                var claims = entity?["citation"]?.AsArray().Select(c => c!["appearance"]!.AsObject()).ToList() ?? [];
                var cited = claims.Select(c => DocumentId(c["url"]!.GetValue<string>())).ToList();
                if (!text.Contains(expected, StringComparison.Ordinal) || !cited.Contains(documentId))
                {
                    failures.Add($"{channel}: '{question}' → '{text}' citing [{string.Join(", ", cited)}]");
                    continue;
                }

                // No markup from a source in the answer: the channel escapes '<' as &lt;, so neither may appear, nor
                // Markdown syntax — apart from QaBot's own citation links ("[1](…/documents/…)").
                var prose = OwnCitationLink().Replace(text, string.Empty);
                Assert.DoesNotContain("<", prose, StringComparison.Ordinal);
                Assert.DoesNotContain("&lt;", prose, StringComparison.Ordinal);
                Assert.DoesNotContain("**", prose, StringComparison.Ordinal);
                Assert.DoesNotContain("](", prose, StringComparison.Ordinal);

                foreach (var claim in claims)
                {
                    var title = claim["name"]!.GetValue<string>();
                    Assert.Equal(TextNormalizer.ForDisplay(title), title);
                    Assert.DoesNotContain('<', title);
                    Assert.DoesNotContain("%PDF", title, StringComparison.Ordinal);
                    Assert.False(title.StartsWith('#'), title);
                }

                links.UnionWith(Urls(reply).Where(u => u.Contains("/documents/", StringComparison.Ordinal)));
            }
        }

        Assert.True(failures.Count == 0, "not answered from the right article:\n" + string.Join('\n', failures));

        // Every document link the replies carried opens (ids with spaces and accents included), and the page links the original.
        Assert.Contains(links, l => l.Contains("/documents/Quillab%C3%A9e%20market%20report?", StringComparison.Ordinal));
        foreach (var link in links)
        {
            using var page = await client.GetAsync(new Uri(link).PathAndQuery);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)page.StatusCode}");
        }

        using (var html = await client.GetAsync(new Uri("/documents/riverton-footbridge", UriKind.Relative)))
        {
            Assert.Contains("href=\"https://gazette.example/news/2025/03/riverton-footbridge\"", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The source's own address is offered beside the document page in the web chat card.
        var footbridge = await AskAsync(client, "How much will the Ash River footbridge cost?", "webchat");
        Assert.Contains("https://gazette.example/news/2025/03/riverton-footbridge", Urls(footbridge["attachments"]));

        // The file with binary bytes past its first 8 KB was skipped: nothing of it can be found.
        var binary = await AskAsync(client, "What did the zephyrometer measure at station 3?", "webchat");
        Assert.Empty(ActivityJson.CitationEntity(binary)?["citation"]?.AsArray() ?? []);
        Assert.DoesNotContain(Urls(binary), u => u.Contains("sensor-log", StringComparison.Ordinal));
        Assert.DoesNotContain("zephyrometer", binary["text"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<JsonObject> AskAsync(HttpClient client, string question, string channel)
    {
        using var response = await client.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            ActivityJson.Content(ActivityJson.Message(question, conversationId: "mixed-" + Guid.NewGuid().ToString("N"), deliveryMode: "expectReplies", channelId: channel)));
        var replies = await ActivityJson.ExpectedRepliesAsync(response);
        return replies.Last(a => a!["type"]!.GetValue<string>() == "message")!.AsObject();
    }

    [GeneratedRegex(@"\[\d+\]\(https?://[^)\s]*/documents/[^)\s]*\)")]
    private static partial Regex OwnCitationLink();

    private static string DocumentId(string url) => Core.Evaluation.BotEndpointTarget.DocumentIdFromUrl(url) ?? string.Empty;

    private static IEnumerable<string> Urls(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "url" && p.Value is JsonValue v && v.TryGetValue<string>(out var url) ? [url] : Urls(p.Value)),
        JsonArray array => array.SelectMany(Urls),
        _ => [],
    };
}
