using QaBot.Core.Text;

namespace QaBot.Core.Tests.Text;

/// <summary>The one analyzer: what the keyword index stores and what questions are matched with.</summary>
public sealed class TermAnalyzerTests
{
    [Theory]
    [InlineData("won", "win")]
    [InlineData("fell", "fall")]
    [InlineData("fallen", "fall")]
    [InlineData("sold", "sell")]
    [InlineData("met", "meet")]
    [InlineData("wrote", "write")]
    [InlineData("lay", "lai")] // the base form of "lay", not the past of "lie"
    public void IrregularFormsMeetTheirBase(string form, string expectedStem) =>
        Assert.Equal(expectedStem, TermAnalyzer.Stem(form));

    [Theory]
    [InlineData("Jaish\u200Bankar", "jaishankar")] // zero-width space
    [InlineData("Penta\u00ADgon", "pentagon")] // soft hyphen
    [InlineData("Ｐｅｎｔａｇｏｎ", "pentagon")] // fullwidth letters
    [InlineData("Quillabée", "quillabe")] // diacritics folded (then stemmed)
    [InlineData("\uFEFFsold", "sell")] // byte order mark
    public void InvisibleAndCompatibilityCharactersAreNormalisedAway(string text, string expected) =>
        Assert.Equal([expected], TermAnalyzer.Terms(text));

    [Fact]
    public void IndexTermsKeepStopWordsSoPhrasesMatch()
    {
        Assert.Equal("the share fall 5 percent", TermAnalyzer.IndexTerms("The shares fell 5 percent"));
    }

    [Fact]
    public void ContentStemsLeaveOutStopWords() =>
        Assert.Equal(["share", "fall"], TermAnalyzer.ContentStems("The shares fell"));
}
