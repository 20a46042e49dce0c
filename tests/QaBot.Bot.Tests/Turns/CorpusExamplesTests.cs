using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Bot.Turns;
using QaBot.Core.Answering;
using QaBot.Core.Channels;

namespace QaBot.Bot.Tests.Turns;

/// <summary>Example questions drawn from an article's leading sentences, and suggestions that never repeat the question.</summary>
public sealed class CorpusExamplesTests
{
    [Fact]
    public void TheQuestionAsksAboutTheMostMentionedNameOfTheLeadingSentences()
    {
        const string text = "Harbour Board Approves New Quay\nThe board chaired by Maria Lindqvist approved the quay with Tom Berg. Maria Lindqvist said work starts in May. Later Maria Lindqvist thanked the crews.";

        var question = CorpusExamples.QuestionFor("Harbour Board Approves New Quay", text);

        Assert.Equal("What do the articles say about Maria Lindqvist?", question);
    }

    [Fact]
    public void ATitleCaseHeadlineIsNotMistakenForAName()
    {
        Assert.Null(CorpusExamples.QuestionFor("Harbour Board Approves New Quay", "the quay opens in may."));
    }

    [Theory]
    [InlineData("Who won Wimbledon in 2024?", "who won wimbledon in 2024")]
    [InlineData("Who won  Wimbledon in 2024 ?", "Who won Wimbledon in 2024?")]
    public void QuestionsThatDifferOnlyInCaseSpacingOrPunctuationAreTheSame(string a, string b) =>
        Assert.True(AnswerActivityFactory.SameQuestion(a, b));

    [Fact]
    public void AfterADeclineNoSuggestionRepeatsTheQuestionJustAsked()
    {
        var declined = FakeAnsweringService.SampleAnswer("who won wimbledon in 2024", AnswerMessages.NotFound, []) with { Declined = true, SuggestedQuestions = ["Who won Wimbledon in 2024?"] };
        var context = new AnswerReplyContext("a1", [], ["Who won Wimbledon in 2024?", "Who chairs the harbour board?"]);
        var incoming = new Activity { Type = ActivityTypes.Message, Id = "in-1", ChannelId = "webchat", Conversation = new ConversationAccount { Id = "c" }, Text = "who won wimbledon in 2024" };

        var reply = new AnswerActivityFactory(Options.Create(new BotChannelOptions())).Create(incoming, declined, context, new Uri("https://bot.example.com/"));

        Assert.Equal(["Who chairs the harbour board?"], reply.SuggestedActions!.Actions.Select(a => a.Value));
    }
}
