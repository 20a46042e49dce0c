using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Bot.Turns;
using QaBot.Core.Answering;

namespace QaBot.Bot.Tests.Turns;

/// <summary>
/// Issue 13 point 6: an answer on weak evidence (<see cref="Answer.Partial"/>, set by the composer when its
/// confidence lies between the decline and answer thresholds) says plainly that the articles only partly
/// cover the question — on Teams and in the web chat — and a confident one does not.
/// </summary>
public sealed class PartialAnswerTests
{
    [Theory]
    [InlineData("msteams")]
    [InlineData("webchat")]
    public async Task AWeakEvidenceAnswerSaysTheArticlesOnlyPartlyCoverTheQuestion(string channelId)
    {
        await using var factory = new BotHostFactory();
        factory.Answering.AnswerFor = q => FakeAnsweringService.SampleAnswer(q) with { Partial = true, Confidence = 0.41 };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        var reply = await AskAsync(client, channelId, "Who did Jaishankar meet?");

        var text = reply["text"]!.GetValue<string>();
        Assert.StartsWith(AnswerActivityFactory.PartialNotice, text, StringComparison.Ordinal);
        Assert.Contains("only partly cover", text, StringComparison.Ordinal);
        Assert.Contains("Hegseth", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfidentAnswerHasNoSuchNotice()
    {
        await using var factory = new BotHostFactory();
        factory.Answering.AnswerFor = q => FakeAnsweringService.SampleAnswer(q) with { Partial = false, Confidence = 0.93 };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        var reply = await AskAsync(client, "msteams", "Who did Jaishankar meet?");

        Assert.DoesNotContain("partly", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebChatPageLearnsTheConfidenceAndThatTheAnswerIsPartial()
    {
        await using var factory = new BotHostFactory();
        factory.Answering.AnswerFor = q => FakeAnsweringService.SampleAnswer(q) with { Partial = true, Confidence = 0.41 };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        var reply = await AskAsync(client, "webchat", "Who did Jaishankar meet?");

        var data = reply["channelData"]![AnswerActivityFactory.ChannelDataKey]!;
        Assert.True(data["partial"]!.GetValue<bool>());
        Assert.Equal(0.41, data["confidence"]!.GetValue<double>());
    }

    private static async Task<JsonNode> AskAsync(HttpClient client, string channelId, string question)
    {
        using var response = await client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message(question, deliveryMode: "expectReplies", channelId: channelId)));
        var replies = await ActivityJson.ExpectedRepliesAsync(response);
        return replies.Last(r => r!["type"]!.GetValue<string>() == "message")!;
    }
}
