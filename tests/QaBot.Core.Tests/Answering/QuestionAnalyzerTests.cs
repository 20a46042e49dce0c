using QaBot.Core.Answering;

namespace QaBot.Core.Tests.Answering;

public sealed class QuestionAnalyzerTests
{
    [Theory]
    [InlineData("Who did Jaishankar meet at the Pentagon?", AnswerType.Person, "")]
    [InlineData("When did Modi and Trump agree to negotiate a trade deal?", AnswerType.Date, "")]
    [InlineData("On what day did the dialogue conclude?", AnswerType.Date, "day")]
    [InlineData("In which city was the summit held?", AnswerType.Place, "city")]
    [InlineData("Where did they meet?", AnswerType.Place, "")]
    [InlineData("How many troops are stationed in Japan?", AnswerType.Number, "")]
    [InlineData("Which two ambassadors to China met in Beijing?", AnswerType.Person, "ambassadors")]
    [InlineData("Which Australian minister did he catch up with?", AnswerType.Person, "minister")]
    [InlineData("What kind of Indo-Pacific does the Quad want?", AnswerType.Any, "kind")]
    [InlineData("What does the acronym COMPACT stand for?", AnswerType.Expansion, "")]
    [InlineData("What did the defence secretary say about sales?", AnswerType.Any, "")]
    public void ReadsTheAnswerTypeAndTypeWords(string question, AnswerType type, string typeWord)
    {
        var analysis = QuestionAnalyzer.Analyze(question);

        Assert.Equal(type, analysis.AnswerType);
        Assert.Equal(typeWord.Length == 0 ? [] : [typeWord], analysis.TypeWords);
    }

    [Fact]
    public void RequiredTermsAreStemmedContentWordsWithoutQuestionNoiseOrTypeWords()
    {
        var analysis = QuestionAnalyzer.Analyze("Which Australian minister did Jaishankar catch up with on the sidelines of the Quad meeting?");

        Assert.Equal(["australian", "jaishankar", "catch", "up", "sidelin", "quad", "meet"], analysis.RequiredStems);
    }

    [Fact]
    public void AnAcronymQuestionDropsTheWordsAboutAcronyms()
    {
        var analysis = QuestionAnalyzer.Analyze("What does the acronym COMPACT stand for?");

        Assert.Equal("COMPACT", analysis.Acronym);
        Assert.Equal(["compact"], analysis.RequiredStems);
    }

    [Fact]
    public void AQuotedPhraseIsKept()
    {
        var analysis = QuestionAnalyzer.Analyze("Who said \"I think we are very close\" about the deal?");

        Assert.Equal("I think we are very close", analysis.QuotedPhrase);
    }

    [Fact]
    public void ContextTermsAreThoseOfTheStandaloneQueryNotAlreadyRequired()
    {
        var analysis = QuestionAnalyzer.Analyze("What did he hope to complete?", "What did he hope to complete? Jaishankar Pentagon Hegseth");

        Assert.Equal(["hope", "complet"], analysis.RequiredStems);
        Assert.Equal(["jaishankar", "pentagon", "hegseth"], analysis.ContextStems);
    }
}
