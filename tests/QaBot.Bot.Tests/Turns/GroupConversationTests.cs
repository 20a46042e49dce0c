using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering;

namespace QaBot.Bot.Tests.Turns;

/// <summary>
/// Issue 12, "worth deciding": in a group conversation (Teams group chat or channel) follow-up context is
/// kept per member, so one member's follow-up is not rewritten with another member's question; one-to-one
/// conversations keep one history. History is the real SQLite conversation store.
/// </summary>
public sealed class GroupConversationTests
{
    [Theory]
    [InlineData("groupChat", null)]
    [InlineData("channel", null)]
    [InlineData(null, true)]
    public async Task InAGroupEachMembersFollowUpSeesOnlyTheirOwnEarlierQuestions(string? conversationType, bool? isGroup)
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        await AskAsync(client, "alice", "Who did Jaishankar meet at the Pentagon?", conversationType, isGroup);
        await AskAsync(client, "bob", "Which two ambassadors to China met in Beijing?", conversationType, isGroup);
        await AskAsync(client, "alice", "What did they discuss?", conversationType, isGroup);
        await AskAsync(client, "bob", "When was that?", conversationType, isGroup);

        var calls = factory.Answering.Calls.ToArray();
        Assert.Empty(calls[1].History);
        Assert.Equal(["Who did Jaishankar meet at the Pentagon?"], UserQuestions(calls[2].History));
        Assert.Equal(["Which two ambassadors to China met in Beijing?"], UserQuestions(calls[3].History));
    }

    [Fact]
    public async Task AOneToOneConversationKeepsOneHistory()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        await AskAsync(client, "alice", "Who did Jaishankar meet at the Pentagon?", "personal", isGroup: false);
        await AskAsync(client, "alice", "What did they discuss?", "personal", isGroup: false);

        Assert.Equal(["Who did Jaishankar meet at the Pentagon?"], UserQuestions(factory.Answering.Calls.ToArray()[1].History));
    }

    private static List<string> UserQuestions(IReadOnlyList<ConversationTurn> history) =>
        [.. history.Where(t => t.Role == ConversationRole.User).Select(t => t.Text)];

    private static async Task AskAsync(HttpClient client, string user, string question, string? conversationType, bool? isGroup)
    {
        var activity = ActivityJson.Message(question, conversationId: "19:team-thread@thread.tacv2", deliveryMode: "expectReplies", channelId: "msteams");
        activity["from"] = new JsonObject { ["id"] = "29:" + user, ["name"] = user };
        var conversation = new JsonObject { ["id"] = "19:team-thread@thread.tacv2" };
        if (conversationType is not null)
        {
            conversation["conversationType"] = conversationType;
        }

        if (isGroup is not null)
        {
            conversation["isGroup"] = isGroup.Value;
        }

        activity["conversation"] = conversation;
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ActivityJson.Content(activity));
        response.EnsureSuccessStatusCode();
    }
}
