using QaBot.Core.Text;

namespace QaBot.Core.Tests.Text;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("One sentence. Another one.", new[] { "One sentence.", "Another one." })]
    [InlineData("External Affairs Minister S. Jaishankar met Dr. Smith. They talked.", new[] { "External Affairs Minister S. Jaishankar met Dr. Smith.", "They talked." })]
    [InlineData("The U.S. Secretary arrived. Talks began.", new[] { "The U.S. Secretary arrived.", "Talks began." })]
    [InlineData("He said, \"We are close.\" Then he left.", new[] { "He said, \"We are close.\"", "Then he left." })]
    [InlineData("Growth was 6.5 percent in 2024. Prices rose!", new[] { "Growth was 6.5 percent in 2024.", "Prices rose!" })]
    [InlineData("A heading without a stop\nBody text here. More text.", new[] { "A heading without a stop", "Body text here.", "More text." })]
    [InlineData("lower case after a stop. continues the sentence", new[] { "lower case after a stop. continues the sentence" })]
    [InlineData("“Deals take time. It is about trust,” Goyal said. Talks go on.", new[] { "“Deals take time. It is about trust,” Goyal said.", "Talks go on." })]
    [InlineData("He said \"We met. We agreed.\" Then he left.", new[] { "He said \"We met. We agreed.\"", "Then he left." })]
    public void SplitsAtSentenceEndsButNotAbbreviationsOrInitials(string text, string[] expected)
    {
        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(expected, sentences.Select(s => s.Text));
    }

    [Fact]
    public void OffsetsPointAtTheSentenceInTheSource()
    {
        const string text = "  First one.\n\n  Second one? Third.  ";

        var sentences = SentenceSplitter.Split(text);

        Assert.All(sentences, s => Assert.Equal(s.Text, text[s.Start..s.End]));
        Assert.Equal(3, sentences.Count);
    }

    [Fact]
    public void AnUnclosedQuoteDoesNotSwallowTheRestOfALongParagraph()
    {
        var text = "He said “this never closes. " + string.Join(' ', Enumerable.Range(1, 60).Select(i => $"Sentence {i} goes on here."));

        var sentences = SentenceSplitter.Split(text);

        Assert.True(sentences.Count > 10);
        Assert.All(sentences, s => Assert.True(s.Text.Length < 700));
    }

    [Fact]
    public void EmptyAndWhiteSpaceTextGiveNoSentences()
    {
        Assert.Empty(SentenceSplitter.Split(string.Empty));
        Assert.Empty(SentenceSplitter.Split(" \n\t \n"));
    }
}
