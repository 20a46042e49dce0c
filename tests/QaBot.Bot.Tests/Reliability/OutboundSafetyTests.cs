using System.Diagnostics;
using System.Net;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 7, point 2: the serviceUrl allow-list cannot be side-stepped by the service itself — a reply
/// sent to an allowed serviceUrl that answers with a redirect is not re-sent to the redirect's target.
/// </summary>
public sealed class OutboundSafetyTests
{
    [Fact]
    public async Task ARedirectFromTheServiceUrlIsNotFollowed()
    {
        await using var elsewhere = await LoopbackRecorder.StartAsync();
        await using var serviceUrl = await LoopbackRecorder.StartAsync(redirectTo: elsewhere.BaseAddress);
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        var activity = ActivityJson.Message("Who did Jaishankar meet?", serviceUrl: serviceUrl.BaseAddress.AbsoluteUri.TrimEnd('/'), conversationId: "redirect-conv");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The bot tries its replies (typing, answer) at the serviceUrl …
        var clock = Stopwatch.StartNew();
        while (serviceUrl.Requests.Count < 2 && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
        }

        Assert.Contains(serviceUrl.Requests, r => r.StartsWith("POST /v3/conversations/redirect-conv/activities", StringComparison.Ordinal));

        // … and nothing reaches the host it was redirected to.
        await Task.Delay(500);
        Assert.Empty(elsewhere.Requests);
    }
}
