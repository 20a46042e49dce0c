using QaBot.Bot.Tests.TestHelpers;
using QaBot.Cli.Commands;
using QaBot.Core.Conversations;
using QaBot.Core.Evaluation;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>Feedback as evaluation cases (the question-set format) and as the <c>qabot feedback</c> summary.</summary>
public sealed class FeedbackExportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task DislikedAnswersAndDeclinesBecomeCasesTheQuestionSetReaderAccepts()
    {
        var answered = Feedback("a1", FakeAnsweringService.SampleAnswer("Who did he meet?"), FeedbackReaction.Dislike, "Wrong person.", ["Who is Jaishankar?"]);
        var declined = Feedback("a2", FakeAnsweringService.SampleAnswer("Who won the match?", AnswerText(), []) with { Declined = true }, FeedbackReaction.Dislike, null, []);
        var path = _temp.File("out/feedback.jsonl");

        Assert.Equal(2, await FeedbackExport.WriteAsync([answered, declined], path));

        var set = QuestionSetReader.Parse(await File.ReadAllLinesAsync(path), path);
        Assert.Empty(set.Errors);
        Assert.Equal(["feedback-a1", "feedback-a2"], set.Cases.Select(c => c.Id));
        Assert.True(set.Cases[0].Answerable);
        Assert.Equal(["000_0ae4d377a3db1007"], set.Cases[0].Sources);
        Assert.Equal(["Who is Jaishankar?"], set.Cases[0].Context);
        Assert.False(set.Cases[1].Answerable);
    }

    [Fact]
    public void TheSummaryCountsReactionsByComposerAndListsDislikesWithComments()
    {
        var summary = FeedbackCommand.Summarise(
        [
            Feedback("a1", FakeAnsweringService.SampleAnswer("Who did he meet?") with { Confidence = 0.8 }, FeedbackReaction.Like, null, []),
            Feedback("a2", FakeAnsweringService.SampleAnswer("When was it?") with { Confidence = 0.4 }, FeedbackReaction.Dislike, "No date given.", []),
        ]);

        Assert.Contains("Feedback on 2 answers: 1 liked, 1 disliked (50% liked).", summary, StringComparison.Ordinal);
        Assert.Contains("fake: 1 of 2 liked, mean confidence 0.60", summary, StringComparison.Ordinal);
        Assert.Contains("When was it? — “No date given.”", summary, StringComparison.Ordinal);
        Assert.Contains("qabot feedback export", summary, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static string AnswerText() => QaBot.Core.Answering.AnswerMessages.NotFound;

    private static AnswerFeedback Feedback(string id, QaBot.Core.Answering.Answer answer, FeedbackReaction reaction, string? comment, IReadOnlyList<string> context) =>
        new(AnswerRecord.From(id, "webchat|c", null, answer, context, DateTimeOffset.UtcNow), reaction, comment, DateTimeOffset.UtcNow);
}
