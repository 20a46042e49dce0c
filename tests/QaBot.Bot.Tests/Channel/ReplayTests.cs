using System.Net;
using Microsoft.Data.Sqlite;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Channel;

/// <summary>
/// Issue 12, row 12: a channel that retries (Teams after a timeout, a proxy replaying a request) sends the
/// same activity — same channel, conversation and id — again. It is answered once, its turn is stored once
/// (counted in the real SQLite history), and the replay is acknowledged without a second answer.
/// </summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task TheSameActivityPostedTwiceIsAnsweredOnceAndStoredOnce()
    {
        await using var connector = await LoopbackRecorder.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var factory = new BotHostFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" }) { Logs = logs };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        var activity = ActivityJson.Message("Who did Jaishankar meet at the Pentagon?", serviceUrl: connector.BaseAddress.AbsoluteUri.TrimEnd('/'), conversationId: "replayed");
        using (var first = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var sentAfterFirst = connector.Requests.Count;
        using (var replay = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity)))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        }

        Assert.Single(factory.Answering.Calls);
        Assert.Equal(sentAfterFirst, connector.Requests.Count);
        Assert.Equal(2, await CountHistoryRowsAsync(Path.Combine(factory.TempPath, "conversations.db"), "directline|replayed"));
        Assert.Single(logs.Lines, l => l.Contains("Ignored a replay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReplayWithExpectRepliesGetsNoSecondAnswer()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        var activity = ActivityJson.Message("Who did Jaishankar meet?", conversationId: "replayed-expect", deliveryMode: "expectReplies");

        using var first = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));
        Assert.Contains(await ActivityJson.ExpectedRepliesAsync(first), a => a!["type"]!.GetValue<string>() == "message");
        using var replay = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));

        Assert.Empty(await ActivityJson.ExpectedRepliesAsync(replay));
        Assert.Single(factory.Answering.Calls);
    }

    [Fact]
    public async Task TheSameIdInAnotherConversationOrChannelIsANewActivity()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        var a = ActivityJson.Message("Who?", conversationId: "conv-a", deliveryMode: "expectReplies");
        var b = ActivityJson.Message("Who?", conversationId: "conv-b", deliveryMode: "expectReplies");
        var c = ActivityJson.Message("Who?", conversationId: "conv-a", deliveryMode: "expectReplies", channelId: "webchat");
        b["id"] = a["id"]!.GetValue<string>();
        c["id"] = a["id"]!.GetValue<string>();

        foreach (var activity in new[] { a, b, c })
        {
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));
            Assert.Contains(await ActivityJson.ExpectedRepliesAsync(response), r => r!["type"]!.GetValue<string>() == "message");
        }

        Assert.Equal(3, factory.Answering.Calls.Count);
    }

    private static async Task<long> CountHistoryRowsAsync(string databasePath, string conversationKey)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM conversation_turns WHERE conversation_key = $key";
        command.Parameters.AddWithValue("$key", conversationKey);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
