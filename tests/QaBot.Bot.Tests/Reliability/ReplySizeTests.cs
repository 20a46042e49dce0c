using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 7, point 7, through the real host and connector: a very long answer streamed to a Teams
/// one-to-one chat stays under Teams' limit (about 80 KB per activity) in every streamed update and in
/// the final message, and no [n] marker is cut.
/// </summary>
public sealed partial class ReplySizeTests
{
    private const int TeamsLimitBytes = 80 * 1024;

    [Theory]
    [InlineData(400)]
    [InlineData(40_000)]
    public async Task EveryActivityOfAVeryLongStreamedTeamsAnswerStaysUnderTheLimitWithWholeMarkers(int deltaChars)
    {
        await using var connector = await FakeBotFrameworkServer.StartAsync();
        await using var factory = new BotHostFactory();
        var text = string.Concat(Enumerable.Range(1, 4000).Select(i => $"Sentence {i} says <b>{i}</b> & \"more\" [{(i % 3) + 1}]. "));
        factory.Answering.Deltas = Enumerable.Range(0, (text.Length + deltaChars - 1) / deltaChars).Select(i => text.Substring(i * deltaChars, Math.Min(deltaChars, text.Length - (i * deltaChars)))).ToList();
        factory.Answering.AnswerFor = question => FakeAnsweringService.SampleAnswer(
            question, text, [FakeAnsweringService.SampleCitation(1), FakeAnsweringService.SampleCitation(2), FakeAnsweringService.SampleCitation(3)]);
        using var client = factory.CreateClient();

        var activity = ActivityJson.Message("Tell me everything", serviceUrl: connector.ServiceUrl, conversationId: "a:long-personal", channelId: "msteams");
        activity["conversation"]!["conversationType"] = "personal";
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var final = await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(30));

        var sent = connector.Received.ToList();
        Assert.Contains(sent, a => a.Type == "typing" && a.Text is { Length: > 0 }); // it did stream
        var sizes = sent.Select(a => (a.Type, Bytes: Encoding.UTF8.GetByteCount(a.Activity.ToJsonString()))).ToList();
        Assert.True(sizes.All(s => s.Bytes <= TeamsLimitBytes), $"activities over {TeamsLimitBytes} bytes: {string.Join(", ", sizes.Where(s => s.Bytes > TeamsLimitBytes))}");

        // Streamed updates may stop inside a marker (the next update or the final message replaces
        // them); the final message never does.
        Assert.EndsWith("…", final.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(CutMarker(), final.Text!);
    }

    /// <summary>"[", "[1" or "[12" right before the end (or before a final ellipsis).</summary>
    [GeneratedRegex(@"\[\d*…?$")]
    private static partial Regex CutMarker();
}
