using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering;
using QaBot.Core.Channels;
using QaBot.Core.Conversations;

namespace QaBot.Bot.Tests.Teams;

/// <summary>
/// Issue 13 point 7: what the bot sends Teams, checked against Microsoft's rules for AI bot messages —
/// the AI label, citations and the feedback loop on the final message of every path (streamed in a
/// one-to-one chat, sent whole in a group chat, returned for expectReplies); the citation limits (≤ 20 a
/// message, name ≤ 80, abstract ≤ 160, ≤ 3 keywords of ≤ 28, text a serialized Adaptive Card); the
/// feedback invoke answered 200 and stored; and the informative update before the answer streams.
/// </summary>
public sealed partial class TeamsActivityTests : IAsyncLifetime
{
    private readonly BotHostFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        await Readiness.WaitAsync(_client, TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    public static TheoryData<string> Paths => ["streaming", "not streaming", "expectReplies"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryPathPutsTheAiLabelCitationsAndFeedbackOnTheFinalMessage(string path)
    {
        _factory.Answering.Deltas = ["Jaishankar met ", "Pete Hegseth [1]. ", "They discussed defence ties [2]."];
        var final = await AskAsync(path, "Who did Jaishankar meet?");

        CheckAiMessage(final, expectCitations: 2);
        Assert.Null(final["attachments"]);
        Assert.DoesNotContain("](", final["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ADeclinedAnswerStillCarriesTheAiLabelAndTheFeedbackLoop(string path)
    {
        _factory.Answering.AnswerFor = q => FakeAnsweringService.SampleAnswer(q, AnswerMessages.NotFound, []) with { Declined = true };
        var final = await AskAsync(path, "Who won Wimbledon in 2024?");

        CheckAiMessage(final, expectCitations: 0);
    }

    [Fact]
    public async Task CitationsKeepTeamsLimitsAndEachTextIsASerializedAdaptiveCard()
    {
        var title = string.Concat(Enumerable.Repeat("A very long headline about harbour trade ", 6));
        var snippet = string.Concat(Enumerable.Repeat("The harbour board said the quay would reopen in spring after repairs. ", 6));
        var citations = Enumerable.Range(1, 25).Select(n => new Citation(n, $"doc_{n}", $"doc_{n}#0", title, new DateOnly(2025, 12, 24), snippet, 0, snippet.Length, 0.5)).ToList();
        var text = string.Join(' ', citations.Select(c => $"Claim {c.Number} [{c.Number}]."));
        _factory.Answering.AnswerFor = q => FakeAnsweringService.SampleAnswer(q, text, citations);

        var final = await AskAsync("expectReplies", "Tell me about the harbour");

        var claims = ActivityJson.CitationEntity(final)!["citation"]!.AsArray();
        Assert.Equal(CitationEntityLimits.MaxCitations, claims.Count);
        foreach (var claim in claims)
        {
            var appearance = claim!["appearance"]!;
            Assert.InRange(appearance["name"]!.GetValue<string>().Length, 1, 80);
            Assert.InRange(appearance["abstract"]!.GetValue<string>().Length, 1, 160);
            var keywords = appearance["keywords"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
            Assert.InRange(keywords.Count, 1, 3);
            Assert.All(keywords, k => Assert.InRange(k.Length, 1, 28));
            Assert.Equal("application/vnd.microsoft.card.adaptive", appearance["encodingFormat"]!.GetValue<string>());
            var card = JsonNode.Parse(appearance["text"]!.GetValue<string>())!;
            Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
            Assert.NotEmpty(card["body"]!.AsArray());
            Assert.Contains("harbour board", card.ToJsonString(), StringComparison.Ordinal);
        }

        // Every claim's position is a [n] marker of the text.
        var markers = MarkerPattern().Matches(final["text"]!.GetValue<string>()).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.All(claims, c => Assert.Contains(c!["position"]!.GetValue<int>(), markers));
    }

    [Fact]
    public async Task TheStreamOpensWithAnInformativeUpdateBeforeTheAnswerStreams()
    {
        await using var connector = await FakeBotFrameworkServer.StartAsync();
        _factory.Answering.Deltas = ["Jaishankar met ", "Pete Hegseth [1]."];

        await PostToTeamsAsync(connector, "Who did Jaishankar meet?", "personal");

        await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(10));
        var first = connector.Received.First();
        Assert.Equal("typing", first.Type);
        Assert.Equal("informative", first.Activity["channelData"]!["streamType"]!.GetValue<string>());
        Assert.Matches(@"^Searching (the news articles|\d[\d,]* articles?)…$", first.Text!);
        Assert.Null(first.Activity["channelData"]!["streamId"]);
        var streamed = connector.Received.Where(a => a.Type == "typing").Skip(1).ToList();
        Assert.NotEmpty(streamed);
        Assert.All(streamed, s => Assert.Equal("streaming", s.Activity["channelData"]!["streamType"]!.GetValue<string>()));
    }

    [Fact]
    public void TheInformativeUpdateSaysHowManyArticlesAreSearched()
    {
        Assert.Equal("Searching 1,234 articles…", QaBot.Bot.Turns.QaBotActivityHandler.SearchingText(1234));
        Assert.Equal("Searching 1 article…", QaBot.Bot.Turns.QaBotActivityHandler.SearchingText(1));
    }

    [Fact]
    public async Task TheFeedbackInvokeIsAnswered200AndStoredWithTheAnswer()
    {
        await using var connector = await FakeBotFrameworkServer.StartAsync();
        _factory.Answering.AnswerFor = q => FakeAnsweringService.SampleAnswer(q) with { Confidence = 0.42 };
        await PostToTeamsAsync(connector, "Who did Jaishankar meet?", "personal");
        var answer = await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(10));
        // Teams shows a streamed answer as the streamed message: its feedback names the stream's id.
        var messageId = answer.Activity["channelData"]!["streamId"]!.GetValue<string>();

        var invoke = ActivityJson.Message(string.Empty, serviceUrl: connector.ServiceUrl, conversationId: "a:teams-feedback", channelId: "msteams");
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = messageId;
        invoke["value"] = new JsonObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JsonObject { ["reaction"] = "dislike", ["feedback"] = "{\"feedbackText\":\"It missed the date.\"}" },
        };
        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(invoke));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var stored = Assert.Single(await _factory.Services.GetRequiredService<IConversationStore>().GetFeedbackAsync());
        Assert.Equal(FeedbackReaction.Dislike, stored.Reaction);
        Assert.Equal("It missed the date.", stored.Comment);
        Assert.Equal("Who did Jaishankar meet?", stored.Answer.Question);
        Assert.Contains("Hegseth", stored.Answer.AnswerText, StringComparison.Ordinal);
        Assert.Equal(["000_0ae4d377a3db1007", "000_0ae4d377a3db1007"], stored.Answer.Citations.Select(c => c.DocumentId));
        Assert.Equal("fake", stored.Answer.Composer);
        Assert.Equal(0.42, stored.Answer.Confidence);
    }

    [Fact]
    public async Task InAGroupChatAnotherMembersFeedbackOnTheAnswerIsStored()
    {
        await using var connector = await FakeBotFrameworkServer.StartAsync();
        await PostToTeamsAsync(connector, "Who did Jaishankar meet?", "groupChat");
        await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(10));
        var position = connector.Received.ToList().FindIndex(a => a.Type == "message") + 1;

        var invoke = ActivityJson.Message(string.Empty, serviceUrl: connector.ServiceUrl, conversationId: "a:teams-feedback", channelId: "msteams");
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = $"srv-{position}";
        invoke["from"] = new JsonObject { ["id"] = "29:another-member" };
        invoke["conversation"]!["conversationType"] = "groupChat";
        invoke["value"] = new JsonObject { ["actionName"] = "feedback", ["actionValue"] = new JsonObject { ["reaction"] = "like" } };
        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(invoke));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await _factory.Services.GetRequiredService<IConversationStore>().GetFeedbackAsync());
        Assert.Equal(FeedbackReaction.Like, stored.Reaction);
        Assert.Equal("Who did Jaishankar meet?", stored.Answer.Question);
    }

    [Fact]
    public async Task AFeedbackInvokeForAnUnknownMessageIsStillAnswered200AndStoresNothing()
    {
        var invoke = ActivityJson.Message(string.Empty, channelId: "msteams");
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = "no-such-message";
        invoke["value"] = new JsonObject { ["actionName"] = "feedback", ["actionValue"] = new JsonObject { ["reaction"] = "like" } };

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(invoke));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _factory.Services.GetRequiredService<IConversationStore>().GetFeedbackAsync());
    }

    [Fact]
    public void PromptStartersKeepTeamsLimits()
    {
        var overview = new CorpusOverview(12, ["What do the articles say about Pete Hegseth?", "Who chairs the board?"]) { Topics = ["Pete Hegseth", "An Extraordinarily Long Organisation Name Here"] };

        var starters = overview.PromptStarters();

        Assert.Equal(["Who chairs the board?", "Tell me about Pete Hegseth"], starters);
        Assert.All(starters, s => Assert.True(s.Length <= 32));
    }

    private static void CheckAiMessage(JsonNode final, int expectCitations)
    {
        Assert.Equal("message", final["type"]!.GetValue<string>());
        var entity = ActivityJson.CitationEntity(final);
        Assert.NotNull(entity);
        Assert.Equal("Message", entity["@type"]!.GetValue<string>());
        Assert.Equal("https://schema.org", entity["@context"]!.GetValue<string>());
        Assert.Equal(string.Empty, entity["@id"]!.GetValue<string>());
        Assert.Equal(["AIGeneratedContent"], entity["additionalType"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(expectCitations, entity["citation"]?.AsArray().Count ?? 0);
        Assert.Null(entity["potentialAction"]);
        Assert.Single(final["entities"]!.AsArray(), e => e!["type"]?.GetValue<string>() == "https://schema.org/Message");
        Assert.Equal("default", final["channelData"]!["feedbackLoop"]!["type"]!.GetValue<string>());
    }

    /// <summary>Asks in Teams on one of the three paths and returns the final message as Teams received it.</summary>
    private async Task<JsonNode> AskAsync(string path, string question)
    {
        if (path == "expectReplies")
        {
            var activity = ActivityJson.Message(question, deliveryMode: "expectReplies", channelId: "msteams");
            using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(activity));
            var replies = await ActivityJson.ExpectedRepliesAsync(response);
            return replies.Last(r => r!["type"]!.GetValue<string>() == "message")!;
        }

        await using var connector = await FakeBotFrameworkServer.StartAsync();
        await PostToTeamsAsync(connector, question, path == "streaming" ? "personal" : "groupChat");
        var final = await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(10));
        var streamed = connector.Received.Any(a => a.Type == "typing" && a.Activity["channelData"]?["streamType"] is not null);
        Assert.Equal(path == "streaming", streamed);
        if (path == "streaming")
        {
            Assert.Equal("final", final.Activity["channelData"]!["streamType"]!.GetValue<string>());
        }

        return final.Activity;
    }

    private async Task PostToTeamsAsync(FakeBotFrameworkServer connector, string question, string conversationType)
    {
        var activity = ActivityJson.Message(question, serviceUrl: connector.ServiceUrl, conversationId: "a:teams-feedback", channelId: "msteams");
        activity["conversation"]!["conversationType"] = conversationType;
        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex MarkerPattern();

    private static class CitationEntityLimits
    {
        public const int MaxCitations = QaBot.Bot.Teams.CitationEntityFactory.MaxCitations;
    }
}
