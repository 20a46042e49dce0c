using System.Text.Json.Nodes;
using QaBot.Core.Evaluation;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Evaluation;

public sealed class BotEndpointTargetTests
{
    [Fact]
    public async Task ContextTurnsAndTheQuestionArePostedInOneConversationWithExpectReplies()
    {
        var handler = new FakeBotMessagesHandler(text => text.StartsWith("Who", StringComparison.Ordinal)
            ? ("He met Pete Hegseth [1].", ["000_a"])
            : ("Defence sales [1][2].", ["000_a", "001 b"]));
        using var http = new HttpClient(handler);
        var target = new BotEndpointTarget(http, new Uri("http://localhost:3978/"));
        var evalCase = new EvalCase("dev-17", "What did he hope to complete?", ["Who did he meet?"], [["defence sales"]], ["000_a"], true, 1);

        var outcome = await target.RunCaseAsync(evalCase);

        Assert.Equal(2, handler.Received.Count);
        Assert.All(handler.Received, r => Assert.Equal("http://localhost:3978/api/messages", r.Uri.ToString()));
        Assert.All(handler.Received, r => Assert.Equal("expectReplies", (string?)r.Activity["deliveryMode"]));
        Assert.All(handler.Received, r => Assert.Equal("message", (string?)r.Activity["type"]));
        Assert.Equal(["Who did he meet?", "What did he hope to complete?"], handler.Received.Select(r => (string?)r.Activity["text"]));
        Assert.Single(handler.Received.Select(r => (string?)r.Activity["conversation"]!["id"]).Distinct());

        Assert.Equal(["He met Pete Hegseth [1]."], outcome.ContextAnswers);
        var answer = outcome.Answer;
        Assert.Equal("Defence sales [1][2].", answer.Answer);
        Assert.False(answer.Declined);
        Assert.Equal([(1, "000_a"), (2, "001 b")], answer.Citations.Select(c => (c.N, c.DocumentId)));
        Assert.Equal("Snippet <b>of</b> 000_a", answer.Citations[0].Snippet);
        Assert.Equal("Title of 000_a", answer.Citations[0].Title);
        Assert.Empty(answer.Retrieved);
        Assert.False(target.ReportsRetrieval);
    }

    [Fact]
    public async Task AReplyWithoutCitationsIsADecline()
    {
        using var http = new HttpClient(new FakeBotMessagesHandler(_ => ("I couldn't find that in the articles.", [])));
        var target = new BotEndpointTarget(http, new Uri("http://localhost:3978/api/messages"));

        var outcome = await target.RunCaseAsync(new EvalCase("u", "Population of Kuala Lumpur?", [], [], [], false, 1));

        Assert.True(outcome.Answer.Declined);
        Assert.Equal("endpoint http://localhost:3978/api/messages", target.Name);
    }

    [Fact]
    public void TheBotMaySayItDeclinedInChannelData()
    {
        var body = JsonNode.Parse("""
            {"activities":[{"type":"message","text":"Not in the articles.","channelData":{"qabot":{"declined":true,"composer":"extractive"}},
              "suggestedActions":{"actions":[{"type":"imBack","title":"Who is Rubio?","value":"Who is Rubio?"}]},
              "entities":[{"type":"https://schema.org/Message","citation":[{"position":1,"appearance":{"name":"t","abstract":"s","url":"/documents/doc-1"}}]}]}]}
            """);

        var answer = BotEndpointTarget.ReadReply("q", body, 5);

        Assert.True(answer.Declined);
        Assert.Equal("extractive", answer.Composer);
        Assert.Equal("doc-1", Assert.Single(answer.Citations).DocumentId);
        Assert.Equal(["Who is Rubio?"], answer.SuggestedQuestions);
    }

    [Theory]
    [InlineData("markdown", "Fish \\& chips &amp; a \\*two\\-state\\* plan &lt;b&gt; [1]&#40;x)", "Fish & chips & a *two-state* plan <b> [1](x)")]
    [InlineData("markdown", "C:\\\\path \\n", "C:\\path \\n")]
    [InlineData("plain", "a \\* b &amp;", "a \\* b &amp;")]
    [InlineData(null, "Hegseth &amp; Rubio", "Hegseth & Rubio")]
    public void AMarkdownReplyIsReadAsThePlainTextAUserSees(string? format, string text, string expected)
    {
        var body = new JsonObject { ["activities"] = new JsonArray(new JsonObject { ["type"] = "message", ["text"] = text, ["textFormat"] = format }) };

        Assert.Equal(expected, BotEndpointTarget.ReadReply("q", body, 1).Answer);
    }

    [Theory]
    [InlineData("/documents/000_abc", "000_abc")]
    [InlineData("http://localhost:3978/documents/000_abc#chunk-3", "000_abc")]
    [InlineData("https://bot.example/documents/000_abc/view?start=1", "000_abc")]
    [InlineData("/Documents/a%20b?x=1", "a b")]
    [InlineData("https://example.com/other/000_abc", null)]
    [InlineData("/documents/", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TheDocumentIdIsThePathSegmentAfterDocuments(string? url, string? expected) =>
        Assert.Equal(expected, BotEndpointTarget.DocumentIdFromUrl(url));

    [Theory]
    [InlineData("http://localhost:3978", "http://localhost:3978/api/messages")]
    [InlineData("http://localhost:3978/", "http://localhost:3978/api/messages")]
    [InlineData("http://localhost:3978/api/messages", "http://localhost:3978/api/messages")]
    [InlineData("https://bot.example/qabot/", "https://bot.example/qabot/api/messages")]
    public void TheMessagesEndpointIsFoundFromTheBaseUrl(string endpoint, string expected) =>
        Assert.Equal(expected, BotEndpointTarget.MessagesUri(new Uri(endpoint)).ToString());
}
