using QaBot.Core.Answering;

namespace QaBot.Core.Tests.Answering;

public sealed class FollowUpQueryRewriterTests
{
    private static readonly ConversationTurn[] History =
    [
        new(ConversationRole.User, "Who did Jaishankar meet at the Pentagon?"),
        new(ConversationRole.Assistant, "Jaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon. [1]"),
    ];

    [Fact]
    public void AFollowUpWithAPronounGetsThePreviousQuestionAndTheNamesInTheAnswer()
    {
        var rewritten = FollowUpQueryRewriter.Rewrite("What did he hope to complete with India?", History);

        Assert.StartsWith("What did he hope to complete with India?", rewritten);
        Assert.Contains("Pentagon", rewritten);
        Assert.Contains("Hegseth", rewritten);
        Assert.Contains("Jaishankar", rewritten);
    }

    [Fact]
    public void AQuestionThatStandsOnItsOwnIsUnchanged()
    {
        const string question = "Which Australian minister did Jaishankar catch up with at the Quad meeting?";

        Assert.Equal(question, FollowUpQueryRewriter.Rewrite(question, History));
    }

    [Fact]
    public void WithoutHistoryNothingChanges()
    {
        Assert.Equal("What did he say?", FollowUpQueryRewriter.Rewrite("What did he say?", []));
    }

    [Fact]
    public void ADeclinedAnswerLendsNoNames()
    {
        ConversationTurn[] history =
        [
            new(ConversationRole.User, "Who won Wimbledon?"),
            new(ConversationRole.Assistant, AnswerMessages.NotFound),
        ];

        var rewritten = FollowUpQueryRewriter.Rewrite("And in 2023?", history);

        Assert.Equal("And in 2023? won Wimbledon", rewritten);
    }
}
