using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Bot.Turns;
using QaBot.Core.Answering;

namespace QaBot.Bot.Tests.Turns;

public sealed class AnswerActivityFactoryTests
{
    private static readonly Uri BaseUri = new("https://bot.example.com/");

    [Fact]
    public void SnippetsWithMarkupAreEscapedInTheTextTheCardAndTheEntity()
    {
        var hostile = FakeAnsweringService.SampleCitation(1, "<script>window.pwned=1</script><img src=x onerror=alert(1)> [evil](javascript:alert(1))");
        var answer = FakeAnsweringService.SampleAnswer("q", "He said <script>alert(1)</script> [1].", [hostile]);

        var reply = Factory().Create(Incoming("webchat"), answer, BaseUri);
        // The wire JSON writes "<" as \u003C, which a client decodes again: check the decoded strings.
        var wire = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(reply, BotJson.Options))!;

        Assert.DoesNotContain("<script", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", reply.Text, StringComparison.Ordinal);

        // The citation entity's name and abstract are plain text to Teams; its only link is the bot's document page.
        var entityUrls = Urls(ActivityJson.CitationEntity(wire)!).ToList();
        Assert.NotEmpty(entityUrls);
        Assert.All(entityUrls, url => Assert.StartsWith(BaseUri.AbsoluteUri + "documents/", url, StringComparison.Ordinal));
        var cardTexts = Texts(reply.Attachments![0].Content!).ToList();
        Assert.Contains(cardTexts, t => t.Contains("\\<script\\>", StringComparison.Ordinal));
        Assert.Contains(cardTexts, t => t.Contains("\\[evil\\]\\(javascript:alert\\(1\\)\\)", StringComparison.Ordinal));
        Assert.DoesNotContain(cardTexts, t => t.Contains("<script", StringComparison.Ordinal) && !t.Contains("\\<script", StringComparison.Ordinal));
    }

    [Fact]
    public void ALongAnswerIsCutToTheTeamsLimitWithoutBreakingMarkersAndKeepsOnlyTheSourcesItStillCites()
    {
        var sentences = Enumerable.Range(1, 4000).Select(i => $"Sentence {i} about Hegseth & the Pentagon <b>{i}</b> [{(i % 3) + 1}].");
        var text = string.Join(' ', sentences) + " Finally [4].";
        var citations = Enumerable.Range(1, 4).Select(n => FakeAnsweringService.SampleCitation(n)).ToList();
        var answer = FakeAnsweringService.SampleAnswer("q", text, citations);

        var reply = Factory().Create(Incoming("msteams"), answer, BaseUri);

        Assert.True(AnswerActivityFactory.SizeOf(reply) <= 80 * 1024, $"size {AnswerActivityFactory.SizeOf(reply)}");
        Assert.EndsWith("…", reply.Text, StringComparison.Ordinal);
        Assert.Matches(@"\]…$|\.…$|[^\[\d]…$", reply.Text!);
        Assert.DoesNotMatch(@"\[\d*…$", reply.Text!);
        var positions = ActivityJson.CitationEntity(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(reply, BotJson.Options))!)!["citation"]!
            .AsArray().Select(c => c!["position"]!.GetValue<int>()).ToList();
        Assert.Equal([1, 2, 3], positions);
    }

    [Fact]
    public void ADeclinedAnswerCarriesTheAiLabelAndFeedbackButNoCitationsOrCard()
    {
        var answer = FakeAnsweringService.SampleAnswer("q", "The articles do not say.", []) with { Declined = true };

        var reply = Factory().Create(Incoming("webchat"), answer, BaseUri);

        var entity = Assert.Single(reply.Entities!);
        Assert.Equal("AIGeneratedContent", entity["additionalType"]![0]!.GetValue<string>());
        Assert.Null(entity["citation"]);
        Assert.Equal(["LikeAction", "DislikeAction"], entity["potentialAction"]!.AsArray().Select(a => a!["@type"]!.GetValue<string>()));
        Assert.Equal("default", reply.ChannelData!["feedbackLoop"]!["type"]!.GetValue<string>());
        Assert.Null(reply.Attachments);
    }

    [Fact]
    public void TheCitationAbstractIsAtMost160Characters()
    {
        var answer = FakeAnsweringService.SampleAnswer("q", "Long [1].", [FakeAnsweringService.SampleCitation(1, string.Concat(Enumerable.Repeat("word ", 200)))]);

        var reply = Factory().Create(Incoming("msteams"), answer, BaseUri);

        var claim = reply.Entities![0]["citation"]![0]!;
        Assert.True(claim["appearance"]!["abstract"]!.GetValue<string>().Length <= 160);
        Assert.Equal("https://bot.example.com/documents/000_0ae4d377a3db1007?hl=10-1010#cited", claim["appearance"]!["url"]!.GetValue<string>());
    }

    private static IEnumerable<string> Texts(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v ? [v.GetValue<string>()] : p.Value is null ? [] : Texts(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Texts(n)),
        _ => [],
    };

    private static IEnumerable<string> Urls(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "url" && p.Value is JsonValue v ? [v.GetValue<string>()] : p.Value is null ? [] : Urls(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Urls(n)),
        _ => [],
    };

    private static AnswerActivityFactory Factory() => new(Options.Create(new BotChannelOptions()));

    private static Activity Incoming(string channelId) => new()
    {
        Type = ActivityTypes.Message,
        Id = "in-1",
        ChannelId = channelId,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Conversation = new ConversationAccount { Id = "c" },
        From = new ChannelAccount { Id = "u" },
        Recipient = new ChannelAccount { Id = "b" },
        Text = "q",
    };
}
