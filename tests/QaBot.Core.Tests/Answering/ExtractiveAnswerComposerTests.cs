using QaBot.Core.Answering;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.Answering;

public sealed class ExtractiveAnswerComposerTests
{
    private const string Pentagon =
        "Jaishankar met Rubio in Washington. Jaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon, where he praised defence ties. The weather was fine.";

    private const string Trade =
        "Commerce Secretary Rajesh Agrawal said talks were progressing well. \"I think we are very close,\" Agrawal stated, referring to the trade agreement. Talks began in February.";

    private const string Compact =
        "The State Department said the US-India COMPACT (Catalysing Opportunities for Military Partnership, Accelerated Commerce and Technology) figured in the talks.";

    private static RetrievedChunk Passage(string documentId, string text, int start = 0) =>
        new(new TextChunk($"{documentId}#0", documentId, $"Title of {documentId}", new DateOnly(2025, 7, 2), 0, start, start + text.Length, text), 0.5, 1, 0.8, 1, 3.0);

    /// <summary>Statistics over the test passages: every stem seen in them has df 1 of 10 chunks.</summary>
    private static TermStatistics Statistics(params string[] texts)
    {
        var df = texts.SelectMany(t => QaBot.Core.Text.TermAnalyzer.ContentStems(t).Distinct())
            .GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());
        return new TermStatistics(10, df);
    }

    private static (string Text, IReadOnlyList<Citation> Citations) Compose(string question, params RetrievedChunk[] passages) =>
        ExtractiveAnswerComposer.Compose(
            passages,
            QuestionAnalyzer.Analyze(question),
            Statistics(passages.Select(p => p.Chunk.Text).ToArray()),
            new AnsweringOptions());

    [Fact]
    public void AnswersWithTheSentenceThatCoversTheQuestionAndCitesItsDocument()
    {
        var (text, citations) = Compose("Who did Jaishankar meet at the Pentagon?", Passage("a", Pentagon, 100), Passage("b", Trade));

        Assert.Contains("Hegseth", text);
        Assert.EndsWith("[1]", text);
        var citation = Assert.Single(citations);
        Assert.Equal(("a", 1), (citation.DocumentId, citation.Number));
        Assert.Contains("Pete Hegseth at the Pentagon", citation.Snippet);
        Assert.Equal(100 + Pentagon.IndexOf("Jaishankar also", StringComparison.Ordinal), citation.SnippetStart);
        Assert.Equal(citation.SnippetStart + citation.Snippet.Length, citation.SnippetEnd);
    }

    [Fact]
    public void AQuotedPhraseFindsTheSpeaker()
    {
        var (text, citations) = Compose("Who said \"I think we are very close\" about the trade agreement?", Passage("a", Pentagon), Passage("b", Trade));

        Assert.Contains("Agrawal", text);
        Assert.Equal("b", Assert.Single(citations).DocumentId);
    }

    [Fact]
    public void AnAcronymIsAnsweredFromItsSpelledOutForm()
    {
        var (text, _) = Compose("What does the acronym COMPACT stand for?", Passage("a", Pentagon), Passage("c", Compact));

        Assert.Contains("Catalysing Opportunities for Military Partnership", text);
    }

    [Theory]
    [InlineData("Who won the men's singles final at Wimbledon in 2024?")]
    [InlineData("What is the population of Washington?")]
    [InlineData("When was Rubio confirmed as Secretary of State?")]
    public void DeclinesAndCitesNothingWhenTheArticlesNeverMentionWhatIsAsked(string question)
    {
        var (text, citations) = Compose(question, Passage("a", Pentagon), Passage("b", Trade));

        Assert.Equal(AnswerMessages.NotFound, text);
        Assert.Empty(citations);
    }

    [Fact]
    public void DeclinesWhenNoSentenceHoldsTheKindOfAnswerAsked()
    {
        // Every word is in the passages, but no sentence holds a number.
        var (_, citations) = Compose("How many defence ties did Jaishankar praise at the Pentagon?", Passage("a", Pentagon));

        Assert.Empty(citations);
    }

    [Fact]
    public void ASecondSentenceThatRepeatsTheFirstIsLeftOut()
    {
        var repeat = "Jaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon on Tuesday, officials said.";
        var (_, citations) = Compose("Who did Jaishankar meet at the Pentagon?", Passage("a", Pentagon), Passage("b", repeat));

        Assert.Single(citations);
    }

    [Fact]
    public void DeclinesWithNoPassages()
    {
        var (text, citations) = Compose("Who did Jaishankar meet?");

        Assert.Equal(AnswerMessages.NotFound, text);
        Assert.Empty(citations);
    }

    [Fact]
    public void SentencesFromTwoDocumentsGetTwoNumbers()
    {
        var other = "At the Pentagon, Jaishankar met Hegseth, who said both sides would finalise pending defence sales and expand co-production.";
        var (text, citations) = Compose("Who did Jaishankar meet at the Pentagon?", Passage("a", Pentagon), Passage("b", other));

        Assert.Equal(["a", "b"], citations.Select(c => c.DocumentId));
        Assert.Contains("[1]", text);
        Assert.Contains("[2]", text);
    }
}
