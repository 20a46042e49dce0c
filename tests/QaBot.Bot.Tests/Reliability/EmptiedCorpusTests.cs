using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 12, row 6: the corpus folder emptied after a good index used to wipe the index at the next
/// start, leaving the bot "ready" with 0 documents. Now the index run is refused, a warning says why and
/// how to rebuild, and the bot answers from the index as it was.
/// </summary>
public sealed class EmptiedCorpusTests
{
    [Fact]
    public async Task ABotStartedOnAnEmptiedCorpusFolderKeepsItsIndexAndSaysWhy()
    {
        using var folder = new TempFolder();
        var corpus = Path.Combine(folder.Path, "corpus");
        Directory.CreateDirectory(corpus);
        HarbourCorpus.Write(corpus, 4);
        var settings = new Dictionary<string, string?>
        {
            ["QaBot:Corpus:Path"] = corpus,
            ["QaBot:Storage:DatabasePath"] = Path.Combine(folder.Path, "qabot.db"),
        };
        var question = $"How many containers did the harbour of {HarbourCorpus.Town(2)} handle?";

        await using (var first = new BotHostFactory(settings, realServices: true))
        {
            using var client = first.CreateClient();
            await Readiness.WaitAsync(client, TimeSpan.FromMinutes(2));
            Assert.Contains(HarbourCorpus.Containers(2).ToString(System.Globalization.CultureInfo.InvariantCulture), await AskAsync(client, question), StringComparison.Ordinal);
        }

        foreach (var file in Directory.GetFiles(corpus))
        {
            File.Delete(file);
        }

        var logs = new CapturingLoggerProvider();
        await using var second = new BotHostFactory(settings, realServices: true) { Logs = logs };
        using var again = second.CreateClient();
        await Readiness.WaitAsync(again, TimeSpan.FromMinutes(2));

        Assert.Contains(HarbourCorpus.Containers(2).ToString(System.Globalization.CultureInfo.InvariantCulture), await AskAsync(again, question), StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains("holds no readable article", StringComparison.Ordinal)
            && l.Contains("the index holds 4 documents", StringComparison.Ordinal)
            && l.Contains("--rebuild", StringComparison.Ordinal));
    }

    private static async Task<string> AskAsync(HttpClient client, string question)
    {
        using var response = await client.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            ActivityJson.Content(ActivityJson.Message(question, conversationId: "c-" + Guid.NewGuid().ToString("N"), deliveryMode: "expectReplies", channelId: "webchat")));
        var reply = (await ActivityJson.ExpectedRepliesAsync(response)).Last(a => a!["type"]!.GetValue<string>() == "message")!;
        return reply["text"]!.GetValue<string>();
    }
}
