using QaBot.Core.Answering;
using QaBot.Core.Answering.Model;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.Answering;

/// <summary>How probabilities become an answer, a partial answer or a decline.</summary>
public sealed class AnswerSelectionTests
{
    private const string Text = "Alcaraz won the final in 2024. Djokovic lost the final in 2024. Sinner won the semi-final. The roof was closed.";
    private static readonly AnswerThresholds Thresholds = new(Decline: 0.3, Confident: 0.6, ExtraSentenceRatio: 0.8, SameDocumentRatio: 0.8);

    public static TheoryData<float[], bool, bool, int[]> Cases => new()
    {
        // probabilities of the four sentences → declined, partial, selected (best first)
        { new[] { 0.9f, 0.1f, 0.1f, 0.0f }, false, false, new[] { 0 } },
        { new[] { 0.5f, 0.1f, 0.1f, 0.0f }, false, true, new[] { 0 } },
        { new[] { 0.2f, 0.1f, 0.1f, 0.0f }, true, false, Array.Empty<int>() },
        { new[] { 0.1f, 0.9f, 0.8f, 0.0f }, false, false, new[] { 1, 2 } }, // 0.8 ≥ 0.8 × 0.9
        { new[] { 0.1f, 0.9f, 0.7f, 0.0f }, false, false, new[] { 1 } }, // 0.7 < 0.72
        { new[] { 0.35f, 0.35f, 0.2f, 0.0f }, false, true, new[] { 0, 1 } }, // a tie keeps reading order; 0.2 is below the decline threshold
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecidesFromTheProbabilities(float[] probabilities, bool declined, bool partial, int[] selected)
    {
        var decision = AnswerSelection.Decide(Candidates(), probabilities, Thresholds, maxSentences: 3, maxAnswerChars: 700);

        Assert.Equal(declined, decision.Declined);
        Assert.Equal(partial, decision.Partial);
        Assert.Equal(selected, decision.Selected);
        Assert.Equal(probabilities.Max(), decision.Confidence, 5);
    }

    [Fact]
    public void ASentenceOfTheSameArticleMayJoinAtALowerShare()
    {
        var lenient = Thresholds with { SameDocumentRatio = 0.5 };

        var decision = AnswerSelection.Decide(Candidates(), [0.9f, 0.5f, 0.1f, 0.0f], lenient, maxSentences: 3, maxAnswerChars: 700);

        Assert.Equal([0, 1], decision.Selected);
    }

    [Fact]
    public void ASentenceThatRepeatsOneAlreadyInTheAnswerIsLeftOut()
    {
        const string text = "Alcaraz won the final at Wimbledon on Sunday. On Sunday Alcaraz won the Wimbledon final again. The roof stayed open all day.";
        var candidates = AnswerCandidates.From([new RetrievedChunk(new TextChunk("b#0", "b", "Tennis", null, 0, 0, text.Length, text), 1, 1, 0.9, 1, 10)]);

        var decision = AnswerSelection.Decide(candidates, [0.9f, 0.85f, 0.8f], Thresholds, maxSentences: 3, maxAnswerChars: 700);

        Assert.Equal([0, 2], decision.Selected);
    }

    [Fact]
    public void NoMoreSentencesThanAllowed()
    {
        var decision = AnswerSelection.Decide(Candidates(), [0.9f, 0.9f, 0.9f, 0.9f], Thresholds, maxSentences: 2, maxAnswerChars: 700);

        Assert.Equal([0, 1], decision.Selected);
    }

    [Fact]
    public void ADeclineComposesTheNotFoundMessageAndNoCitations()
    {
        var candidates = Candidates();
        var decision = AnswerSelection.Decide(candidates, [0.1f, 0.1f, 0.1f, 0.1f], Thresholds, 3, 700);

        var (text, citations) = ExtractiveAnswerComposer.Compose(candidates, [0.1f, 0.1f, 0.1f, 0.1f], decision);

        Assert.Equal(AnswerMessages.NotFound, text);
        Assert.Empty(citations);
    }

    [Fact]
    public void AnAnswerCitesItsDocumentOnceWithTheSentencesInReadingOrder()
    {
        var candidates = Candidates();
        float[] probabilities = [0.8f, 0.9f, 0.1f, 0.1f];
        var decision = AnswerSelection.Decide(candidates, probabilities, Thresholds, 3, 700);

        var (text, citations) = ExtractiveAnswerComposer.Compose(candidates, probabilities, decision);

        Assert.Equal("Djokovic lost the final in 2024. [1] Alcaraz won the final in 2024. [1]", text);
        var citation = Assert.Single(citations);
        Assert.Equal("Alcaraz won the final in 2024. … Djokovic lost the final in 2024.", citation.Snippet);
        Assert.Equal("Alcaraz won the final in 2024. Djokovic lost the final in 2024.", Text[citation.SnippetStart..citation.SnippetEnd]);
    }

    private static IReadOnlyList<CandidateSentence> Candidates() =>
        AnswerCandidates.From([new RetrievedChunk(new TextChunk("a#0", "a", "Tennis", null, 0, 0, Text.Length, Text), 1, 1, 0.9, 1, 10)]);
}
