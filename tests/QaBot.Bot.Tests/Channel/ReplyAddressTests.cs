using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Bot.Channel;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.Channel;

/// <summary>
/// Issue 12, row 13: conversation and activity ids become path segments of the reply URL
/// (<c>{serviceUrl}/v3/conversations/{id}/activities/{replyToId}</c>). "." and ".." survive escaping and
/// would resolve outside the conversation (to <c>{serviceUrl}/v3/</c>): they are refused, and every other
/// id stays inside its one segment.
/// </summary>
public sealed class ReplyAddressTests
{
    [Theory]
    [InlineData("..", "..")]
    [InlineData("..", "act-1")]
    [InlineData("conv-1", "..")]
    [InlineData(".", ".")]
    public async Task DotSegmentIdsAreRefusedAndNothingIsSent(string conversationId, string activityId)
    {
        await using var connector = await LoopbackRecorder.StartAsync();
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        var activity = ActivityJson.Message("Who did Jaishankar meet?", serviceUrl: connector.BaseAddress.AbsoluteUri.TrimEnd('/'), conversationId: conversationId);
        activity["id"] = activityId;
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(factory.Answering.Calls);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task TheConnectorRefusesADotSegmentIdEvenWhenCalledDirectly()
    {
        await using var connector = await LoopbackRecorder.StartAsync();
        await using var factory = new BotHostFactory();
        _ = factory.CreateClient();
        var client = factory.Services.GetRequiredService<IConnectorClient>();
        var serviceUrl = connector.BaseAddress.AbsoluteUri.TrimEnd('/');

        await Assert.ThrowsAsync<BotChannelException>(() => client.ReplyToActivityAsync(serviceUrl, "..", "..", new Activity { Type = ActivityTypes.Message, Text = "x" }));
        await Assert.ThrowsAsync<BotChannelException>(() => client.SendToConversationAsync(serviceUrl, ".", new Activity { Type = ActivityTypes.Message, Text = "x" }));

        Assert.Empty(connector.Requests);
    }

    [Theory]
    [InlineData("19:meeting_abc@thread.v2;messageid=1699", "f:1234|5")]
    [InlineData("a/../../b", "../x")]
    [InlineData("...", "%2e%2e")]
    [InlineData("a:1Xyz_ Q?#", "1699999999999")]
    public async Task EveryOtherIdStaysInsideItsConversationsPath(string conversationId, string activityId)
    {
        await using var connector = await LoopbackRecorder.StartAsync();
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        var activity = ActivityJson.Message("Who did Jaishankar meet?", serviceUrl: connector.BaseAddress.AbsoluteUri.TrimEnd('/'), conversationId: conversationId);
        activity["id"] = activityId;
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = $"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}";
        Assert.NotEmpty(connector.RawTargets);
        Assert.All(connector.RawTargets, target => Assert.Equal(expected, target));
    }
}
