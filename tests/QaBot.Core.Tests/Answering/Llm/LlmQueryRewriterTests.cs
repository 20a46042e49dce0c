using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Answering;
using QaBot.Core.Answering.Llm;
using QaBot.Core.Tests.TestHelpers;

namespace QaBot.Core.Tests.Answering.Llm;

public sealed class LlmQueryRewriterTests
{
    private const int TestTimeoutMs = 20_000;

    private static readonly ConversationTurn[] History =
    [
        new(ConversationRole.User, "Who did Jaishankar meet at the Pentagon?"),
        new(ConversationRole.Assistant, "Jaishankar met US Secretary of Defence Pete Hegseth [1]."),
    ];

    private static async Task<string> RewriteAsync(FakeChatCompletionServer server, string question, IReadOnlyList<ConversationTurn> history)
    {
        await using var services = LlmTestServices.Create(server.BaseUrl, [LlmPassages.Pentagon]);
        var rewriter = services.GetRequiredService<IQueryRewriter>();
        Assert.IsType<LlmQueryRewriter>(rewriter);
        return await rewriter.RewriteAsync(question, history);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AFollowUpIsRewrittenByTheModelWithoutStreaming()
    {
        await using var server = FakeChatCompletionServer.Start(FakeChatReply.Answer("Standalone question: \"What did Jaishankar praise at the Pentagon?\"\n"));

        var rewritten = await RewriteAsync(server, "What did he praise?", History);

        Assert.Equal("What did Jaishankar praise at the Pentagon?", rewritten);
        var request = Assert.Single(server.Requests);
        Assert.False(request.Stream);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Contains("Follow-up question: What did he praise?", request.Messages[1].Content);
        Assert.Contains("User: Who did Jaishankar meet at the Pentagon?", request.Messages[1].Content);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AFailedRewriteFallsBackToTheOfflineRewrite()
    {
        await using var server = FakeChatCompletionServer.Start(FakeChatReply.Error(500));

        var rewritten = await RewriteAsync(server, "What did he praise?", History);

        Assert.Equal(FollowUpQueryRewriter.Rewrite("What did he praise?", History), rewritten);
        Assert.NotEqual("What did he praise?", rewritten);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AStandaloneQuestionIsNotSentToTheModel()
    {
        await using var server = FakeChatCompletionServer.Start(FakeChatReply.Answer("Something else"));
        const string Question = "What did Agrawal say about the trade agreement talks?";

        Assert.Equal(Question, await RewriteAsync(server, Question, History));
        Assert.Equal("Who did he meet?", await RewriteAsync(server, "Who did he meet?", []));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("What did Jaishankar praise?", "What did Jaishankar praise?")]
    [InlineData("\n\"What did Jaishankar praise?\"\nBecause …", "What did Jaishankar praise?")]
    [InlineData("Rewritten question: What did Jaishankar praise?", "What did Jaishankar praise?")]
    [InlineData("   ", "")]
    public void TheReplyIsCleanedToOneLine(string reply, string expected)
    {
        Assert.Equal(expected, LlmQueryRewriter.Clean(reply));
    }
}
