using System.Net;
using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.Channel;

public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private static readonly string[] Examples = ["Which ports reopened after the storm?", "Who chairs the harbour board?", "What did the ferry company announce?"];

    private readonly BotHostFactory _factory = new(new Dictionary<string, string?>
    {
        ["QaBot:Examples:Questions:0"] = Examples[0],
        ["QaBot:Examples:Questions:1"] = Examples[1],
        ["QaBot:Examples:Questions:2"] = Examples[2],
    });
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

    [Fact]
    public async Task ExpectRepliesReturnsTypingThenTheAnswerWithTheCitationEntity()
    {
        var activity = ActivityJson.Message("Who did Jaishankar meet at the Pentagon?", deliveryMode: "expectReplies");

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(activity));
        var replies = await ActivityJson.ExpectedRepliesAsync(response);

        Assert.Equal("typing", replies[0]!["type"]!.GetValue<string>());
        var answer = replies.Last()!;
        Assert.Equal("message", answer["type"]!.GetValue<string>());
        Assert.Contains("Hegseth", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("[1]", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(activity["id"]!.GetValue<string>(), answer["replyToId"]!.GetValue<string>());
        Assert.Equal("conv-1", answer["conversation"]!["id"]!.GetValue<string>());

        var entity = ActivityJson.CitationEntity(answer);
        Assert.NotNull(entity);
        Assert.Equal("Message", entity["@type"]!.GetValue<string>());
        Assert.Equal("https://schema.org", entity["@context"]!.GetValue<string>());
        Assert.Equal("AIGeneratedContent", entity["additionalType"]![0]!.GetValue<string>());
        var claims = entity["citation"]!.AsArray();
        Assert.Equal(2, claims.Count);
        var first = claims[0]!;
        Assert.Equal("Claim", first["@type"]!.GetValue<string>());
        Assert.Equal(1, first["position"]!.GetValue<int>());
        Assert.Equal("DigitalDocument", first["appearance"]!["@type"]!.GetValue<string>());
        Assert.StartsWith("Jaishankar discusses", first["appearance"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Hegseth", first["appearance"]!["abstract"]!.GetValue<string>(), StringComparison.Ordinal);
        var url = new Uri(first["appearance"]!["url"]!.GetValue<string>());
        Assert.Equal("/documents/000_0ae4d377a3db1007", url.AbsolutePath);
        Assert.Equal("#cited", url.Fragment);

        var card = answer["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Contains("Hegseth", card["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("What did Jaishankar and Rubio discuss?", answer["suggestedActions"]!["actions"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task TeamsRepliesCarryTheCitationEntityWithoutTheSourcesCard()
    {
        var activity = ActivityJson.Message("Who did Jaishankar meet?", deliveryMode: "expectReplies", channelId: "msteams");

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(activity));
        var answer = (await ActivityJson.ExpectedRepliesAsync(response)).Last()!;

        Assert.NotNull(ActivityJson.CitationEntity(answer));
        Assert.Null(answer["attachments"]);
    }

    [Fact]
    public async Task MalformedBodyGets400AsProblemDetailsAndTheBotKeepsServing()
    {
        using var bad = await _client.PostAsync("/api/messages", new StringContent("{\"type\": \"message\", \"text\": ", System.Text.Encoding.UTF8, "application/json"));
        var problem = await bad.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", problem, StringComparison.Ordinal);

        using var good = await _client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message("Who did Jaishankar meet?", deliveryMode: "expectReplies")));
        Assert.Contains("Hegseth", (await ActivityJson.ExpectedRepliesAsync(good)).Last()!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepliesGoToTheServiceUrlThroughTheBotConnector()
    {
        await using var connector = await FakeBotFrameworkServer.StartAsync();
        var activity = ActivityJson.Message("Who did Jaishankar meet?", serviceUrl: connector.ServiceUrl, conversationId: "19:abc@thread.tacv2;messageid=17 x");

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(10));
        Assert.Equal("19:abc@thread.tacv2;messageid=17 x", reply.ConversationId);
        Assert.Equal(activity["id"]!.GetValue<string>(), reply.ReplyToId);
        Assert.NotNull(ActivityJson.CitationEntity(reply.Activity));
        Assert.Equal(string.Empty, reply.Authorization);
        var typing = connector.Received.First();
        Assert.Equal("typing", typing.Type);
    }

    [Fact]
    public async Task TeamsOneToOneChatsGetTheTeamsStreamingProtocolThroughTheConnector()
    {
        await using var connector = await FakeBotFrameworkServer.StartAsync();
        _factory.Answering.Deltas = ["Jaishankar met ", "Pete Hegseth [1]."];
        var activity = ActivityJson.Message("Who did Jaishankar meet?", serviceUrl: connector.ServiceUrl, conversationId: "a:teams-personal", channelId: "msteams");
        activity["conversation"]!["conversationType"] = "personal";

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var final = await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(10));
        var stream = connector.Received.Where(a => a.Type == "typing").ToList();
        Assert.Equal(["informative", "streaming", "streaming"], stream.Select(a => a.Activity["channelData"]!["streamType"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3], stream.Select(a => a.Activity["entities"]![0]!["streamSequence"]!.GetValue<int>()));
        Assert.Equal("streaminfo", stream[1].Activity["entities"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Jaishankar met Pete Hegseth [1].", stream[2].Text);
        Assert.Equal("srv-1", stream[1].Activity["channelData"]!["streamId"]!.GetValue<string>());
        Assert.Equal("srv-1", final.Activity["channelData"]!["streamId"]!.GetValue<string>());
        Assert.Contains(final.Activity["entities"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "streaminfo" && e["streamType"]!.GetValue<string>() == "final" && e["streamId"]!.GetValue<string>() == "srv-1");
        Assert.NotNull(ActivityJson.CitationEntity(final.Activity));
    }

    [Fact]
    public async Task ASlowTurnIsAcceptedAt202AndItsReplyStillReachesTheConnector()
    {
        await using var connector = await FakeBotFrameworkServer.StartAsync();
        await using var factory = new BotHostFactory(new Dictionary<string, string?> { ["QaBot:Bot:MaxSynchronousTurnMilliseconds"] = "200" });
        factory.Answering.Deltas = ["slow ", "answer"];
        factory.Answering.DelayBetweenDeltas = TimeSpan.FromMilliseconds(600);
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        using var response = await client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message("Who?", serviceUrl: connector.ServiceUrl, conversationId: "slow")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain(connector.Received, a => a.Type == "message");
        var reply = await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(10));
        Assert.Contains("Hegseth", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBotJoiningAConversationSendsAWelcomeWithExampleQuestions()
    {
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["id"] = "upd-1",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["channelId"] = "msteams",
            ["deliveryMode"] = "expectReplies",
            ["conversation"] = new JsonObject { ["id"] = "conv-welcome" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["from"] = new JsonObject { ["id"] = "29:user" },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:bot" }),
        };

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(update));
        var replies = await ActivityJson.ExpectedRepliesAsync(response);

        var welcome = Assert.Single(replies)!;
        Assert.Contains("QaBot", welcome["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var actions = welcome["suggestedActions"]!["actions"]!.AsArray();
        Assert.Equal(Examples, actions.Select(a => a!["value"]!.GetValue<string>()));
        Assert.All(Examples, q => Assert.Contains(q, welcome["text"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AUserJoiningWithoutTheBotGetsNoWelcome()
    {
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["deliveryMode"] = "expectReplies",
            ["conversation"] = new JsonObject { ["id"] = "conv-welcome-2" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone" }),
        };

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(update));

        Assert.Empty(await ActivityJson.ExpectedRepliesAsync(response));
    }

    [Theory]
    [InlineData("event")]
    [InlineData("invoke")]
    [InlineData("messageReaction")]
    [InlineData("installationUpdate")]
    [InlineData("somethingNew")]
    public async Task OtherActivityTypesAreAcceptedAndIgnored(string type)
    {
        var activity = ActivityJson.Message("ignored", deliveryMode: "expectReplies");
        activity["type"] = type;

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(activity));

        Assert.Empty(await ActivityJson.ExpectedRepliesAsync(response));
    }

    [Fact]
    public async Task AFailingAnsweringServiceGivesTheUserAnApologyNotA500()
    {
        _factory.Answering.AnswerFor = _ => throw new InvalidOperationException("database is locked at C:\\secret\\path");

        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message("Who?", deliveryMode: "expectReplies")));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sorry, something went wrong", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAppIdWithoutAPasswordFailsAtStartWithAClearMessage()
    {
        using var factory = new BotHostFactory(new Dictionary<string, string?> { ["QaBot:Bot:MicrosoftAppId"] = Guid.NewGuid().ToString() });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("MicrosoftAppPassword is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpQuestionsGetTheEarlierTurnsOfTheSameConversationOnly()
    {
        await Ask("Who did Jaishankar meet at the Pentagon?", "conv-history");
        await Ask("What did they discuss?", "conv-history");
        await Ask("Unrelated question", "conv-other");

        var calls = _factory.Answering.Calls.ToArray();
        Assert.Empty(calls[0].History);
        Assert.Equal(2, calls[1].History.Count);
        Assert.Equal("Who did Jaishankar meet at the Pentagon?", calls[1].History[0].Text);
        Assert.Equal(QaBot.Core.Answering.ConversationRole.Assistant, calls[1].History[1].Role);
        Assert.Empty(calls[2].History);
    }

    private async Task Ask(string question, string conversationId)
    {
        using var response = await _client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message(question, conversationId: conversationId, deliveryMode: "expectReplies")));
        response.EnsureSuccessStatusCode();
    }
}
