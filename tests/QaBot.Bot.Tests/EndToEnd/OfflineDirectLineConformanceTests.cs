using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// A client we did not write: offline-directline (npm) in front of /api/messages, driven by the Bot
/// Framework's botframework-directlinejs, gets the cited answer through the Bot Connector reply path
/// (POST {serviceUrl}/v3/conversations/{id}/activities/{replyToId}), from the real answering service.
/// </summary>
[Collection(RealBotCollection.Name)]
public sealed class OfflineDirectLineConformanceTests(RealBotFixture bot)
{
    [Fact]
    public async Task OfflineDirectLineGetsTheCitedAnswerThroughTheConnectorReplyPath()
    {
        var root = RealBotFixture.RepoRoot;
        var port = LoopbackPorts.PickFree();
        var messages = new Uri(bot.BaseAddress, "api/messages").AbsoluteUri;
        using var directLine = NodeScript.Start(root, Path.Combine(root, "node_modules/offline-directline/dist/cmdutil.js"), "-d", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", messages);
        await directLine.WaitForPortAsync(port, TimeSpan.FromSeconds(20));

        using var client = NodeScript.Start(
            AppContext.BaseDirectory,
            Path.Combine(AppContext.BaseDirectory, "TestHelpers", "directline-client.js"),
            $"http://127.0.0.1:{port}/directline",
            "Who did Jaishankar meet at the Pentagon?",
            "45000");
        var exitCode = await client.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"The Direct Line client exited with {exitCode}: {client.StandardError}\noffline-directline: {directLine.StandardOutput}{directLine.StandardError}");
        var answer = JsonNode.Parse(client.StandardOutput.Trim().Split('\n').Last())!;
        Assert.Contains("Hegseth", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches(@"\[\d+\]", answer["text"]!.GetValue<string>());
        var entity = ActivityJson.CitationEntity(answer);
        Assert.NotNull(entity);
        var claim = entity["citation"]![0]!;
        Assert.Contains("Hegseth", claim["appearance"]!["abstract"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["attachments"]![0]!["contentType"]!.GetValue<string>());
    }
}
