using System.Net;
using Microsoft.Data.Sqlite;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Reliability;

/// <summary>
/// Issue 12, row 7: when the conversation history cannot be saved (the disk is full) the user gets their
/// answer — once — and no "Sorry, something went wrong" after it; the failure is logged. The history is the
/// real SQLite store; the failure is real SQLite refusing the write (a trigger raising "database or disk is
/// full" on every insert, since a full file system cannot be had without privileges).
/// </summary>
public sealed class HistoryFailureTests
{
    [Fact]
    public async Task WhenSavingHistoryFailsTheUserGetsOneAnswerAndTheFailureIsLogged()
    {
        await using var connector = await LoopbackRecorder.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var factory = new BotHostFactory { Logs = logs };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        await AskAsync(client, connector, "before-full");
        await ExecuteAsync(
            Path.Combine(factory.TempPath, "conversations.db"),
            "CREATE TRIGGER disk_full BEFORE INSERT ON conversation_turns BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
        var sentBefore = connector.Requests.Count;

        await AskAsync(client, connector, "full");

        var sent = connector.Requests.Skip(sentBefore).ToList();
        Assert.Equal(["POST /v3/conversations/full/activities/act-full"], sent.Distinct());
        Assert.Equal(2, sent.Count); // typing, then the answer — and nothing after it
        Assert.Contains(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Saving the conversation history failed", StringComparison.Ordinal) && l.Contains("disk is full", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("turn from channel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenTheHistoryCannotBeReadTheQuestionIsStillAnswered()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = new BotHostFactory { Logs = logs };
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));
        using (var first = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(ActivityJson.Message("Who did Jaishankar meet?", deliveryMode: "expectReplies"))))
        {
            first.EnsureSuccessStatusCode();
        }

        await ExecuteAsync(Path.Combine(factory.TempPath, "conversations.db"), "DROP TABLE conversation_turns;");

        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(ActivityJson.Message("What did they discuss?", deliveryMode: "expectReplies")));
        var messages = (await ActivityJson.ExpectedRepliesAsync(response)).Where(a => a!["type"]!.GetValue<string>() == "message").ToList();

        var answer = Assert.Single(messages)!;
        Assert.Contains("Hegseth", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains("Reading the conversation history failed", StringComparison.Ordinal));
    }

    private static async Task AskAsync(HttpClient client, LoopbackRecorder connector, string conversationId)
    {
        var activity = ActivityJson.Message("Who did Jaishankar meet at the Pentagon?", serviceUrl: connector.BaseAddress.AbsoluteUri.TrimEnd('/'), conversationId: conversationId);
        activity["id"] = "act-" + conversationId;
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task ExecuteAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
