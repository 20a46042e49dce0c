using QaBot.Core.Answering;

namespace QaBot.Core.Tests.Answering;

public sealed class QuestionAnalyzerTests
{
    [Theory]
    [InlineData("Who did Jaishankar meet at the Pentagon?", QuestionForm.Who)]
    [InlineData("Whose plan was it?", QuestionForm.Who)]
    [InlineData("When did Modi and Trump agree to negotiate a trade deal?", QuestionForm.When)]
    [InlineData("Where did they meet?", QuestionForm.Where)]
    [InlineData("Why did Berlin Huguenots switch to German?", QuestionForm.Why)]
    [InlineData("How many troops are stationed in Japan?", QuestionForm.HowMany)]
    [InlineData("How much did the shares fall?", QuestionForm.HowMuch)]
    [InlineData("How did the secretary describe the threats?", QuestionForm.How)]
    [InlineData("In which city was the summit held?", QuestionForm.Which)]
    [InlineData("On what day did the dialogue conclude?", QuestionForm.What)]
    [InlineData("Did the talks end?", QuestionForm.Other)]
    public void ReadsTheInterrogative(string question, QuestionForm form) =>
        Assert.Equal(form, QuestionAnalyzer.Analyze(question).Form);

    [Fact]
    public void ContentTermsAreTheAnalyzersStemsWithoutStopWordsOrAskingWords()
    {
        var analysis = QuestionAnalyzer.Analyze("Who won the men's singles final, according to the article?");

        Assert.Equal(["win", "men", "singl", "final"], analysis.Stems);
        Assert.Contains(("win", "men"), analysis.Pairs);
    }

    [Fact]
    public void NamesAndNumbersAreKeyTerms()
    {
        var analysis = QuestionAnalyzer.Analyze("Which Australian minister did Jaishankar meet in July 2025?");

        Assert.Equal(["australian", "jaishankar", "juli", "2025"], analysis.KeyStems);
        Assert.Equal(["juli", "2025"], analysis.NumberStems);
        Assert.Equal("minist", analysis.TypeStem);
    }

    [Theory]
    [InlineData("Which treaty did not create the court?", true)]
    [InlineData("Why didn't the Huguenots stay?", true)]
    [InlineData("Which treaty created the court?", false)]
    public void NoticesANegation(string question, bool negated) =>
        Assert.Equal(negated, QuestionAnalyzer.Analyze(question).Negated);

    [Fact]
    public void InvisibleCharactersAndFullwidthLettersDoNotChangeTheTerms()
    {
        var plain = QuestionAnalyzer.Analyze("Who did Jaishankar meet at the Pentagon?");
        var noisy = QuestionAnalyzer.Analyze("Who did Jaish\u200Bankar meet at the Penta\u00ADgon? ＷＨＯ");

        Assert.Equal(plain.Stems.Append("who").Distinct().Where(s => s != "who"), noisy.Stems.Where(s => s != "who"));
    }

    [Fact]
    public void QuotesAcronymsAndContextAreKept()
    {
        var quoted = QuestionAnalyzer.Analyze("Who said \"I think we are very close\" about the deal?");
        var acronym = QuestionAnalyzer.Analyze("What does the acronym COMPACT stand for?");
        var followUp = QuestionAnalyzer.Analyze("What did he hope to complete?", "What did he hope to complete? Jaishankar Pentagon Hegseth");

        Assert.Equal("I think we are very close", quoted.QuotedPhrase);
        Assert.Equal("COMPACT", acronym.Acronym);
        Assert.Equal(["jaishankar", "pentagon", "hegseth"], followUp.ContextStems);
        Assert.DoesNotContain("hope", followUp.ContextStems);
    }
}
