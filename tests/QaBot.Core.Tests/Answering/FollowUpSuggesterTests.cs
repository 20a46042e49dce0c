using QaBot.Core.Answering;

namespace QaBot.Core.Tests.Answering;

public sealed class FollowUpSuggesterTests
{
    [Fact]
    public void SuggestsMultiWordNamesFromTheAnswerWithoutTheirTitles()
    {
        var suggestions = FollowUpSuggester.Suggest(
            "Who did Jaishankar meet at the Pentagon?",
            "Jaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon, days after the ASEAN Summit in Kuala Lumpur, Malaysia. [1]");

        Assert.Equal(
            ["What do the articles say about Pete Hegseth?", "What do the articles say about ASEAN Summit?", "What do the articles say about Kuala Lumpur?"],
            suggestions);
    }

    [Fact]
    public void NamesTheQuestionMentionedMonthsAndParenthesesAreLeftOut()
    {
        var suggestions = FollowUpSuggester.Suggest(
            "What does COMPACT stand for?",
            "The US-India COMPACT (Catalysing Opportunities for Military Partnership) was launched in February by Narendra Modi.");

        Assert.Equal(["What do the articles say about Narendra Modi?"], suggestions);
    }

    [Fact]
    public void ATitleBeforeANameIsLeftOutAndANameWithOfStaysWhole()
    {
        var suggestions = FollowUpSuggester.Suggest(
            "What happened to rates?",
            "Governor of the Bank of Canada Tiff Macklem said the Bank of Canada would hold rates, according to Minister of Finance Chrystia Freeland.");

        Assert.Equal(
            ["What do the articles say about Tiff Macklem?", "What do the articles say about Bank of Canada?", "What do the articles say about Chrystia Freeland?"],
            suggestions);
    }

    [Fact]
    public void AnAnswerWithNoNewNamesSuggestsNothing()
    {
        Assert.Empty(FollowUpSuggester.Suggest("Who met Marco Rubio?", "Jaishankar met Marco Rubio. [1]"));
    }

    [Fact]
    public void NoMoreThanTheMaximumIsSuggested()
    {
        var suggestions = FollowUpSuggester.Suggest("Who came?", "They saw Alice Smith, Bob Jones, Carol White and Dan Brown there.", max: 2);

        Assert.Equal(2, suggestions.Count);
    }
}
