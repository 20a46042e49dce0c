using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering;

namespace QaBot.Bot.Tests.Channel;

/// <summary>Issue 7 point 6 (bounded): many clients at once, no failed request, and no answer or history crosses conversations.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task SixteenConcurrentConversationsKeepTheirOwnHistoryAndNothingFails()
    {
        await using var factory = new BotHostFactory();
        factory.Answering.AnswerFor = question => FakeAnsweringService.SampleAnswer(question, $"Answer to {question} [1].");
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromSeconds(20));

        const int clients = 16;
        const int turns = 8;
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (c, ct) =>
        {
            for (var t = 0; t < turns; t++)
            {
                var question = $"conv{c} question {t}";
                using var response = await client.PostAsync("/api/messages", ActivityJson.Content(ActivityJson.Message(question, conversationId: $"load-{c}", deliveryMode: "expectReplies")), ct);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                var reply = (await ActivityJson.ExpectedRepliesAsync(response)).Last()!;
                if (!reply["text"]!.GetValue<string>().StartsWith($"Answer to {question} [1]", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        Assert.Equal(0, failures);
        Assert.Equal(clients * turns, factory.Answering.Calls.Count);
        foreach (var (question, history) in factory.Answering.Calls)
        {
            var conversation = question.Split(' ')[0];
            Assert.All(history, turn => Assert.Contains(conversation + " ", turn.Text, StringComparison.Ordinal));
            Assert.Equal(Math.Min(2 * int.Parse(question.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture), 10), history.Count);
        }

        Assert.Contains(factory.Answering.Calls, c => c.History.Count == 10 && c.History[^1].Role == ConversationRole.Assistant);
    }
}
